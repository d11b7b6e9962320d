package io.payonce;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows between capabilities pointing one way, so the package picture in STYLE.md stays
 * true: HTTP entry points at the top, the shop's core in the middle, infrastructure underneath.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.payonce");

    @Test
    void capabilities_have_no_cycles() {
        slices().matching("io.payonce.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void nothing_depends_on_the_http_entry_points_of_the_shop_and_the_callbacks() {
        noClasses().that().resideOutsideOfPackages("io.payonce.shop..", "io.payonce.callbacks..")
                .should().dependOnClassesThat().resideInAnyPackage("io.payonce.shop..", "io.payonce.callbacks..")
                .check(MAIN);
    }

    @Test
    void orders_know_nothing_of_payments_and_channels_know_nothing_of_orders() {
        noClasses().that().resideInAPackage("io.payonce.orders..")
                .should().dependOnClassesThat().resideInAnyPackage("io.payonce.payments..", "io.payonce.channels..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.payonce.channels..")
                .should().dependOnClassesThat().resideInAnyPackage("io.payonce.orders..", "io.payonce.payments..",
                        "io.payonce.cardkeys..", "io.payonce.membership..")
                .check(MAIN);
    }

    @Test
    void idempotency_is_generic_and_knows_no_business_capability() {
        noClasses().that().resideInAPackage("io.payonce.idempotency..")
                .should().dependOnClassesThat().resideInAnyPackage("io.payonce.orders..", "io.payonce.payments..",
                        "io.payonce.cardkeys..", "io.payonce.membership..", "io.payonce.products..", "io.payonce.shop..")
                .check(MAIN);
    }
}
