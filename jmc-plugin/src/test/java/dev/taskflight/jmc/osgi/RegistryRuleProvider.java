package dev.taskflight.jmc.osgi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.RegistryFactory;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.internal.IRuleProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Test fixture standing in for the JMC application's rule-provider fragment, which is not published
 * to Maven Central: packaged by {@code OsgiBundleIT} into a fragment of
 * {@code org.openjdk.jmc.flightrecorder.rules}, it is found by {@code RuleRegistry}'s ServiceLoader
 * lookup of {@link IRuleProvider} and returns the rules that each bundle contributing to the
 * {@code ruleProvider} extension point lists in its {@code META-INF/services}.
 */
public final class RegistryRuleProvider implements IRuleProvider {

    /** The extension point, declared by the core bundle {@code org.openjdk.jmc.flightrecorder.rules}. */
    public static final String EXTENSION_POINT = "org.openjdk.jmc.flightrecorder.rules.ruleProvider";

    @Override
    public Collection<IRule> getRules() {
        BundleContext context = FrameworkUtil.getBundle(RegistryRuleProvider.class).getBundleContext();
        List<IRule> rules = new ArrayList<>();
        for (IConfigurationElement element : RegistryFactory.getRegistry().getConfigurationElementsFor(EXTENSION_POINT)) {
            String contributor = element.getContributor().getName();
            for (Bundle bundle : context.getBundles()) {
                if (contributor.equals(bundle.getSymbolicName())) {
                    ClassLoader loader = bundle.adapt(BundleWiring.class).getClassLoader();
                    ServiceLoader.load(IRule.class, loader).forEach(rules::add);
                }
            }
        }
        return rules;
    }
}
