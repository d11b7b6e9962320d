package io.payonce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.payonce.support.ServiceClassesOnly;
import org.junit.jupiter.api.Test;

/**
 * The arrows of docs/architecture.md: the web edge depends on the domain, never the other way
 * round, and nothing outside the edge knows HTTP.
 */
class ArchitectureTest {

    private static final JavaClasses PAYONCE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(new ServiceClassesOnly())
            .importPackages("io.payonce");

    @Test
    void the_service_never_depends_on_the_sandbox_gateway() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.payonce.gateway..")
                .because("the sandbox gateway is another application: the service reaches it over HTTP only (docs/architecture.md)")
                .check(PAYONCE);
    }

    @Test
    void no_class_outside_web_depends_on_http_types() {
        // The sandbox gateway (io.payonce.gateway, on the test classpath) is another application with an HTTP edge of its own.
        noClasses().that().resideOutsideOfPackages("io.payonce.web..", "io.payonce.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.servlet..", "org.springframework.http..", "org.springframework.web..",
                        "org.apache.catalina..", "org.apache.tomcat..")
                .because("HTTP statuses, headers and requests belong to the web edge (docs/architecture.md)")
                .check(PAYONCE);
    }

    @Test
    void the_domain_does_not_depend_on_the_web_edge() {
        noClasses().that().resideOutsideOfPackage("io.payonce.web..")
                .should().dependOnClassesThat().resideInAPackage("io.payonce.web..")
                .because("the edge maps domain outcomes; the domain never reaches back up")
                .check(PAYONCE);
    }

    @Test
    void only_the_application_layer_begins_transactions() {
        noClasses().that().resideInAnyPackage("io.payonce.orders..", "io.payonce.signing..", "io.payonce.common..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.transaction.support.TransactionTemplate")
                .because("domain code runs in the caller's transaction (MANDATORY); the operations begin them")
                .check(PAYONCE);
    }
}
