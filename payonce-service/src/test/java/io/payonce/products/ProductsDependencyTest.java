package io.payonce.products;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.payonce.support.ServiceClassesOnly;
import org.junit.jupiter.api.Test;

class ProductsDependencyTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(new ServiceClassesOnly())
            .importPackages("io.payonce.products", "io.payonce.cardkeys");

    @Test
    void products_never_depend_on_card_keys_so_the_arrow_points_one_way() {
        noClasses().that().resideInAPackage("io.payonce.products..")
                .should().dependOnClassesThat().resideInAPackage("io.payonce.cardkeys..")
                .check(MAIN);
    }
}
