package dev.taskflight.agent.internal.adapter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeDefinition;

/**
 * What must exist in a class before the agent weaves anything into it: methods (by name, optionally
 * with their exact parameter types) and fields, declared by the class or one of its superclasses, and
 * the superclasses themselves.
 * Checked on the class's {@link TypeDescription}, without loading anything; a class that lacks any
 * of them is a version the agent does not know and is left untouched.
 */
public final class TypeShape {

    private enum Kind { METHOD, FIELD, SUPERCLASS }

    private record Member(String name, List<String> parameters, Kind kind) {
    }

    private final String typeName;
    private final List<Member> members;

    private TypeShape(String typeName, List<Member> members) {
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.members = List.copyOf(members);
    }

    /**
     * Starts the shape of a class.
     *
     * @param typeName the class's binary name, such as {@code org.apache.tomcat.util.threads.ThreadPoolExecutor}
     * @return a shape that requires nothing yet
     */
    public static TypeShape of(String typeName) {
        return new TypeShape(typeName, List.of());
    }

    /**
     * Requires a method (or, named {@code <init>}, a constructor) with exactly these parameter types.
     *
     * @param name the method's name
     * @param parameterTypeNames the parameters' binary type names, such as {@code java.lang.Runnable} or {@code int}
     * @return a new shape that also requires the method
     */
    public TypeShape method(String name, String... parameterTypeNames) {
        return with(new Member(name, List.of(parameterTypeNames), Kind.METHOD));
    }

    /**
     * Requires a method of this name, whatever its parameters.
     *
     * @param name the method's name
     * @return a new shape that also requires the method
     */
    public TypeShape methodNamed(String name) {
        return with(new Member(name, null, Kind.METHOD));
    }

    /**
     * Requires a method with one of these names, whatever its parameters: for a method a library
     * renamed between the versions the adapter supports.
     *
     * @param names the method's names, one per version
     * @return a new shape that also requires one of the methods
     */
    public TypeShape anyMethod(String... names) {
        return with(new Member(String.join("|", names), null, Kind.METHOD));
    }

    /**
     * Requires a field.
     *
     * @param name the field's name
     * @return a new shape that also requires the field
     */
    public TypeShape field(String name) {
        return with(new Member(name, null, Kind.FIELD));
    }

    /**
     * Requires the class to extend another: for a class name that two lines of a library use for
     * classes built differently (Netty 4.2's {@code NioEventLoop} is a {@code SingleThreadIoEventLoop},
     * 4.1's is not).
     *
     * @param superclassName the superclass's binary name
     * @return a new shape that also requires the superclass
     */
    public TypeShape extending(String superclassName) {
        return with(new Member(superclassName, null, Kind.SUPERCLASS));
    }

    /** @return the binary name of the class this shape describes */
    public String typeName() {
        return typeName;
    }

    /**
     * Lists what a class lacks of this shape.
     *
     * @param type the class as Byte Buddy describes it, not {@code null}
     * @return each missing member as {@code name(parameters)} or {@code field name}; empty if the class fits
     */
    public List<String> missing(TypeDescription type) {
        List<String> missing = new ArrayList<>();
        for (Member m : members) {
            if (!has(type, m)) {
                missing.add(describe(m));
            }
        }
        return missing;
    }

    /**
     * A member as {@link #missing} names it. Neither here nor in {@link #has} a switch on the enum or a lambda:
     * shapes are checked on whichever thread loads a class, an application's, where the switch's map or
     * a lambda would be a class of Taskflight's loaded there.
     */
    private static String describe(Member m) {
        if (m.kind == Kind.FIELD) {
            return "field " + m.name;
        }
        if (m.kind == Kind.SUPERCLASS) {
            return "superclass " + m.name;
        }
        return m.name + (m.parameters == null ? "(...)" : "(" + String.join(", ", m.parameters) + ")");
    }

    private static boolean has(TypeDescription type, Member m) {
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            TypeDescription erasure = t.asErasure();
            if (m.kind == Kind.SUPERCLASS) {
                if (t != type && erasure.getName().equals(m.name)) {
                    return true;
                }
            } else if (m.kind == Kind.FIELD) {
                for (FieldDescription f : erasure.getDeclaredFields()) {
                    if (f.getName().equals(m.name)) {
                        return true;
                    }
                }
            } else {
                for (MethodDescription method : erasure.getDeclaredMethods()) {
                    if (matches(method, m)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matches(MethodDescription method, Member m) {
        String name = method.isConstructor() ? "<init>" : method.getName();
        if (!List.of(m.name.split("\\|")).contains(name)) {
            return false;
        }
        return m.parameters == null || parameterNames(method).equals(m.parameters);
    }

    /**
     * Returns a method's parameter types as class names, without a stream or lambda (see {@link #describe}).
     *
     * @param method the method, as Byte Buddy describes it
     * @return the erasures' binary names, in order
     */
    public static List<String> parameterNames(MethodDescription method) {
        List<String> names = new ArrayList<>();
        for (TypeDescription p : method.getParameters().asTypeList().asErasures()) {
            names.add(p.getName());
        }
        return names;
    }

    private TypeShape with(Member member) {
        List<Member> more = new ArrayList<>(members);
        more.add(member);
        return new TypeShape(typeName, more);
    }

    @Override
    public String toString() {
        return typeName + Arrays.toString(members.toArray());
    }
}
