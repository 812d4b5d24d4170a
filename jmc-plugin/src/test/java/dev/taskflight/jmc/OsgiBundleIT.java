package dev.taskflight.jmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.jmc.osgi.RegistryRuleProvider;
import dev.taskflight.jmc.recordings.TestRecordings;
import dev.taskflight.jmc.recordings.TestRecordings.Sample;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Future;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The packaged jar as an OSGi bundle, in Equinox with JMC's core bundles and the extension registry:
 * the path the JMC application takes. JMC's bridge from the {@code ruleProvider} extension point to
 * {@code RuleRegistry} is a fragment of the application, not published; a test fragment,
 * {@link RegistryRuleProvider}, plays it.
 */
class OsgiBundleIT {

    private Framework framework;
    private final Map<String, Bundle> bundles = new HashMap<>();

    @BeforeEach
    void startFramework() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, Paths.get("target", "osgi-storage-jdk" + Runtime.version().feature())
                .toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Path> jars = new ArrayList<>(PackagedJar.equinoxJars());
        jars.addAll(PackagedJar.jmcCoreJars());
        jars.add(PackagedJar.pluginJar());
        jars.add(ruleProviderFragment());
        for (Path jar : jars) {
            Bundle b = context.installBundle(jar.toUri().toString());
            bundles.put(b.getSymbolicName(), b);
        }
        framework.adapt(FrameworkWiring.class).resolveBundles(null);
        for (String name : List.of("org.eclipse.equinox.common", "org.eclipse.equinox.registry",
                "org.openjdk.jmc.flightrecorder.rules", "dev.taskflight.jmc")) {
            bundles.get(name).start();
        }
    }

    @AfterEach
    void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }

    @Test
    void thePluginBundleResolvesAgainstTheJmcCoreBundles() {
        assertThat(bundles.values()).allSatisfy(b -> assertThat(b.getState())
                .as(b.getSymbolicName()).isIn(Bundle.RESOLVED, Bundle.STARTING, Bundle.ACTIVE));
        assertThat(bundles.get("dev.taskflight.jmc").getState()).isEqualTo(Bundle.ACTIVE);
    }

    @Test
    void theExtensionRegistryReadsTheRuleProviderContribution() throws Exception {
        Bundle registry = bundles.get("org.eclipse.equinox.registry");
        Class<?> factory = registry.loadClass("org.eclipse.core.runtime.RegistryFactory");
        Class<?> registryType = registry.loadClass("org.eclipse.core.runtime.IExtensionRegistry");
        Class<?> elementType = registry.loadClass("org.eclipse.core.runtime.IConfigurationElement");
        Class<?> contributorType = registry.loadClass("org.eclipse.core.runtime.IContributor");
        Object extensions = registryType.getMethod("getConfigurationElementsFor", String.class)
                .invoke(factory.getMethod("getRegistry").invoke(null), RegistryRuleProvider.EXTENSION_POINT);
        List<String> contributors = new ArrayList<>();
        for (int i = 0; i < Array.getLength(extensions); i++) {
            Object contributor = elementType.getMethod("getContributor").invoke(Array.get(extensions, i));
            contributors.add((String) contributorType.getMethod("getName").invoke(contributor));
        }

        assertThat(contributors).containsExactly("dev.taskflight.jmc");
    }

    @Test
    void jmcRuleRegistryYieldsTheRulesFromTheBundleAndTheyEvaluateInIt() throws Exception {
        Bundle rules = bundles.get("org.openjdk.jmc.flightrecorder.rules");
        Collection<?> registered = (Collection<?>) rules.loadClass("org.openjdk.jmc.flightrecorder.rules.RuleRegistry")
                .getMethod("getRules").invoke(null);
        Map<String, Object> byId = new HashMap<>();
        for (Object rule : registered) {
            byId.put((String) method(rule, "getId").invoke(rule), rule);
        }

        assertThat(byId).containsOnlyKeys("TaskflightLongPoll", "TaskflightIdleWorker", "TaskflightSchedulingDelay",
                "TaskflightQueueBacklog", "TaskflightImbalance", "TaskflightPinnedCarrier", "TaskflightBlockedEventLoop",
                "TaskflightPoolThreadBlocking", "TaskflightUnseenWork");
        Object longPoll = byId.get("TaskflightLongPoll");
        assertThat(Bundle.class.cast(org.osgi.framework.FrameworkUtil.getBundle(longPoll.getClass())).getSymbolicName())
                .isEqualTo("dev.taskflight.jmc");

        Object items = bundles.get("org.openjdk.jmc.flightrecorder")
                .loadClass("org.openjdk.jmc.flightrecorder.JfrLoaderToolkit").getMethod("loadEvents", File.class)
                .invoke(null, TestRecordings.get(Sample.PATHOLOGIES).toFile());
        Class<?> toolkit = rules.loadClass("org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit");
        Method evaluate = null;
        for (Method m : toolkit.getMethods()) {
            if (m.getName().equals("evaluateParallel")) {
                evaluate = m;
            }
        }
        Map<?, ?> futures = (Map<?, ?>) evaluate.invoke(null, List.of(longPoll), items, null, 1);
        Object result = ((Future<?>) futures.get(longPoll)).get();
        Object severity = method(result, "getSeverity").invoke(result);
        assertThat(severity.toString()).isEqualTo("WARNING");
        assertThat((String) method(result, "getSummary").invoke(result)).contains("{pool}", "{cause}");
    }

    /** Returns a public method of the rules API by name, from the interface, not the private class. */
    private static Method method(Object target, String name) throws NoSuchMethodException {
        for (Class<?> i : target.getClass().getInterfaces()) {
            for (Method m : i.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    return m;
                }
            }
        }
        return target.getClass().getMethod(name);
    }

    /** Packages {@link RegistryRuleProvider} as a fragment of the rules bundle, as JMC ships its bridge. */
    private static Path ruleProviderFragment() throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, "dev.taskflight.jmc.test.ruleprovider");
        a.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        a.putValue(Constants.FRAGMENT_HOST, "org.openjdk.jmc.flightrecorder.rules");
        a.putValue(Constants.REQUIRE_BUNDLE, "org.eclipse.equinox.registry,org.eclipse.equinox.common");
        a.putValue(Constants.IMPORT_PACKAGE, "org.osgi.framework,org.osgi.framework.wiring");
        Path jar = Paths.get("target", "test-ruleprovider-fragment.jar");
        String clazz = RegistryRuleProvider.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.putNextEntry(new JarEntry(clazz));
            try (var in = RegistryRuleProvider.class.getClassLoader().getResourceAsStream(clazz)) {
                in.transferTo(j);
            }
            j.putNextEntry(new JarEntry("META-INF/services/org.openjdk.jmc.flightrecorder.rules.internal.IRuleProvider"));
            j.write((RegistryRuleProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
