package io.payonce.web.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import io.payonce.products.CreateProductRequest;
import org.junit.jupiter.api.Test;

class ProductDocsTest {

    /** The described body and the one the service reads name the same fields, in the same order. */
    @Test
    void the_described_product_body_has_the_fields_the_service_reads() {
        assertThat(names(ProductDocs.CreateProduct.class)).containsExactly(names(CreateProductRequest.class));
    }

    private static String[] names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toArray(String[]::new);
    }
}
