package io.payonce.support;

import static org.assertj.core.api.Assertions.assertThat;


/** The shape every refusal must have: its status, problem+json, a code, a type and a title. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void assertProblem(Api.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.json().get("type").asString()).isNotBlank();
        assertThat(answer.json().get("title").asString()).isNotBlank();
    }
}
