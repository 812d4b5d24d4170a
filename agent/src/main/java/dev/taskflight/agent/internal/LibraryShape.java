package dev.taskflight.agent.internal;

import dev.taskflight.agent.internal.adapter.TypeShape;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * What must exist in a library class before anything is woven into it, checked on its
 * {@link TypeDescription} without loading anything: named methods (with exact parameter types, or
 * any) and fields. A class that lacks one is left untouched, so a library version the agent does
 * not know is never half-instrumented.
 */
public final class LibraryShape {

    private final List<String[]> methods = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();

    /** @return an empty shape */
    public static LibraryShape of() {
        return new LibraryShape();
    }

    /**
     * Requires a method with exactly these parameter types.
     *
     * @param name the method's name
     * @param parameterTypes the parameters' class names
     * @return this shape
     */
    public LibraryShape method(String name, String... parameterTypes) {
        String[] entry = new String[parameterTypes.length + 1];
        entry[0] = name;
        System.arraycopy(parameterTypes, 0, entry, 1, parameterTypes.length);
        methods.add(entry);
        return this;
    }

    /**
     * Requires a method of this name, with any parameters.
     *
     * @param name the method's name
     * @return this shape
     */
    public LibraryShape methodNamed(String name) {
        methods.add(new String[] {name, null});
        return this;
    }

    /**
     * Requires a field, declared by the class or a superclass.
     *
     * @param name the field's name
     * @return this shape
     */
    public LibraryShape field(String name) {
        fields.add(name);
        return this;
    }

    /**
     * Lists what a class lacks of this shape.
     *
     * @param type the class, as Byte Buddy describes it
     * @return the missing members, as {@code Class.member(params)}, empty if the class fits
     */
    public List<String> missing(TypeDescription type) {
        List<String> missing = new ArrayList<>();
        for (String[] m : methods) {
            boolean found = false;
            for (MethodDescription d : type.getDeclaredMethods()) {
                if (fits(d, m)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                missing.add(type.getName() + "." + m[0] + (m.length == 2 && m[1] == null ? "(..)" : params(m)));
            }
        }
        for (String f : fields) {
            boolean found = false;
            for (TypeDescription t = type; t != null && !found; t = t.getSuperClass() == null ? null : t.getSuperClass().asErasure()) {
                found = !t.getDeclaredFields().filter(net.bytebuddy.matcher.ElementMatchers.named(f)).isEmpty();
            }
            if (!found) {
                missing.add(type.getName() + "." + f);
            }
        }
        return missing;
    }

    private static boolean fits(MethodDescription d, String[] m) {
        if (!d.getName().equals(m[0])) {
            return false;
        }
        if (m.length == 2 && m[1] == null) {
            return true;
        }
        return TypeShape.parameterNames(d).equals(List.of(m).subList(1, m.length));
    }

    private static String params(String[] m) {
        return "(" + String.join(", ", List.of(m).subList(1, m.length)) + ")";
    }

    /**
     * Names the jar a class comes from, for warnings: its file name, which usually carries the version.
     *
     * @param domain the class's protection domain, or {@code null}
     * @return the jar's file name, or {@code "unknown jar"}
     */
    public static String jarOf(ProtectionDomain domain) {
        try {
            String location = domain.getCodeSource().getLocation().getPath();
            return location.substring(location.lastIndexOf('/', location.length() - 2) + 1);
        } catch (RuntimeException e) {
            return "unknown jar";
        }
    }
}
