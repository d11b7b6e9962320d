package io.payonce.coordination;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.payonce.support.ServiceClassesOnly;
import org.junit.jupiter.api.Test;

/**
 * Coordination is infrastructure that capabilities use: it must not know any of them, and
 * membership reaches it only through its public types.
 */
class CoordinationArchitectureTest {

    private static final JavaClasses PAYONCE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(new ServiceClassesOnly())
            .importPackages("io.payonce");

    @Test
    void coordination_depends_on_no_business_capability() {
        noClasses().that().resideInAPackage("io.payonce.coordination..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.payonce.membership..", "io.payonce.orders..", "io.payonce.payments..",
                        "io.payonce.cardkeys..", "io.payonce.callbacks..", "io.payonce.channels..", "io.payonce.idempotency..")
                .check(PAYONCE);
    }

    @Test
    void membership_uses_only_the_coordination_api() {
        noClasses().that().resideInAPackage("io.payonce.membership..")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("Redisson")
                .orShould().dependOnClassesThat().haveSimpleName("LocalLockService")
                .check(PAYONCE);
    }
}
