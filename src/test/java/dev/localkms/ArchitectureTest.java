package dev.localkms;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;

/** The layering rules: the API layer and action handlers stay away from storage, and features form no cycles. */
@AnalyzeClasses(packages = "dev.localkms", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Repositories and entities of this project; Spring's {@code ResponseEntity} is not one. */
    private static final DescribedPredicate<JavaClass> STORAGE_CLASSES =
            simpleNameEndingWith("Repository").or(simpleNameEndingWith("Entity"))
                    .and(resideInAPackage("dev.localkms.."))
                    .as("repositories and entities of dev.localkms");

    @ArchTest
    static final ArchRule apiLayerDoesNotTouchStorage = noClasses()
            .that().resideInAPackage("..api..")
            .or().haveSimpleNameEndingWith("Actions")
            .should().dependOnClassesThat(STORAGE_CLASSES)
            .because("the API layer maps requests and leaves storage to the services");

    @ArchTest
    static final ArchRule apiLayerDoesNotUseEntities = noClasses()
            .that().resideInAPackage("..api..")
            .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
            .because("JPA entities stay inside the service layer");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices()
            .matching("dev.localkms.(*)..")
            .should().beFreeOfCycles();
}
