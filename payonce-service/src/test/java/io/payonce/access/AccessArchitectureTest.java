package io.payonce.access;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.payonce.support.ServiceClassesOnly;
import org.junit.jupiter.api.Test;

/** Who may do what is decided in the domain; only io.payonce.web.access knows it arrives over HTTP. */
class AccessArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(new ServiceClassesOnly())
            .importPackages("io.payonce");

    @Test
    void the_access_domain_knows_no_http_type() {
        noClasses().that().resideInAPackage("io.payonce.access..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.http..",
                        "org.springframework.web..", "io.payonce.web..")
                .check(MAIN);
    }
}
