package dev.taskflight.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import java.util.List;

/**
 * The design's dependency rule, checked on this module's classes and the modules it depends on:
 * no module imports another module's {@code internal} package.
 */
@AnalyzeClasses(packages = "dev.taskflight", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    /** Each module's root package: its classes may use its own internal packages only. Add a module here. */
    static final List<String> MODULES = List.of("dev.taskflight.analysis", "dev.taskflight.cli", "dev.taskflight.jmc",
            "dev.taskflight.events");

    @ArchTest
    static void noModuleImportsAnotherModulesInternalPackage(JavaClasses classes) {
        for (String module : MODULES) {
            noClasses().that().resideInAPackage(module + "..")
                    .should().dependOnClassesThat(resideInAPackage("..internal..").and(not(resideInAPackage(module + ".."))))
                    .as("classes of " + module + " use no other module's internal package")
                    .allowEmptyShould(true).check(classes);
        }
    }
}
