package dev.taskflight.metrics;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The metrics module stays optional: it uses no other module's {@code internal} package, and the
 * modules it builds on (the engine and the events, on this class path) use neither it nor Micrometer.
 */
@AnalyzeClasses(packages = "dev.taskflight", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static void metricsUsesNoOtherModulesInternalPackage(JavaClasses classes) {
        noClasses().that().resideInAPackage("dev.taskflight.metrics..")
                .should().dependOnClassesThat(resideInAPackage("..internal..")
                        .and(not(resideInAPackage("dev.taskflight.metrics.."))))
                .check(classes);
    }

    @ArchTest
    static void noOtherModuleDependsOnMetricsOrMicrometer(JavaClasses classes) {
        noClasses().that().resideOutsideOfPackage("dev.taskflight.metrics..")
                .should().dependOnClassesThat(resideInAPackage("dev.taskflight.metrics..")
                        .or(resideInAPackage("io.micrometer..")))
                .check(classes);
    }
}
