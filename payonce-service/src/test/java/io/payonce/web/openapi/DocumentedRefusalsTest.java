package io.payonce.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.payonce.web.ErrorCode;
import org.junit.jupiter.api.Test;

/** A code an endpoint documents with {@link Refusals} must be one its code can reach: no stale promises. */
class DocumentedRefusalsTest {

    @Test
    void every_documented_refusal_is_one_the_endpoint_can_reach() {
        Map<String, Set<ErrorCode>> unreachable = new TreeMap<>();
        List<Method> documented = documentedMethods();
        for (Method method : documented) {
            Set<ErrorCode> promised = EnumSet.copyOf(List.of(method.getAnnotation(Refusals.class).value()));
            promised.removeAll(RefusalsInCode.errorCodesReachableFrom(method));
            if (!promised.isEmpty()) {
                unreachable.put(method.getDeclaringClass().getSimpleName() + "." + method.getName(), promised);
            }
        }
        assertThat(documented).hasSizeGreaterThanOrEqualTo(10);
        assertThat(unreachable).isEmpty();
    }

    @Test
    void the_reach_follows_calls_into_the_domain() throws ReflectiveOperationException {
        Method revoke = Class.forName("io.payonce.web.access.ApiKeyAdminController").getDeclaredMethod("revoke", String.class);
        assertThat(RefusalsInCode.errorCodesReachableFrom(revoke)).contains(ErrorCode.API_KEY_NOT_FOUND);
        Method show = Class.forName("io.payonce.web.catalog.ProductController").getDeclaredMethod("show", String.class);
        assertThat(RefusalsInCode.errorCodesReachableFrom(show)).contains(ErrorCode.PRODUCT_NOT_FOUND)
                .doesNotContain(ErrorCode.REFUND_EXCEEDS_PAID);
    }

    private static List<Method> documentedMethods() {
        List<Method> methods = new ArrayList<>();
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.payonce.web")
                .forEach(type -> {
                    for (Method method : type.reflect().getDeclaredMethods()) {
                        if (method.isAnnotationPresent(Refusals.class)) {
                            methods.add(method);
                        }
                    }
                });
        return methods;
    }
}
