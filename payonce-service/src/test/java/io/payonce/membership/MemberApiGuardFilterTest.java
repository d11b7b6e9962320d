package io.payonce.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.web.membership.MemberApiGuardFilter;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class MemberApiGuardFilterTest {

    private final MemberApiGuardFilter filter = new MemberApiGuardFilter();

    @Test
    void a_send_error_from_the_framework_becomes_the_envelope_instead_of_the_error_page() throws Exception {
        MockHttpServletResponse response = run((request, answer) -> ((HttpServletResponse) answer).sendError(405, "nope"));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString()).isEqualTo("{\"code\":40500,\"message\":\"method not allowed\",\"data\":null}");
        assertThat(response.getErrorMessage()).isNull();
    }

    @Test
    void an_exception_escaping_the_chain_becomes_a_500_envelope() throws Exception {
        MockHttpServletResponse response = run((request, answer) -> {
            throw new IllegalStateException("boom");
        });

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentAsString()).startsWith("{\"code\":50001,");
    }

    @Test
    void a_normal_answer_passes_untouched() throws Exception {
        MockHttpServletResponse response = run((request, answer) -> answer.getWriter().write("{\"code\":0}"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("{\"code\":0}");
    }

    private MockHttpServletResponse run(jakarta.servlet.Servlet servlet) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/api/member/x"), response, new MockFilterChain(servlet));
        return response;
    }

    private MockHttpServletResponse run(Handler handler) throws Exception {
        return run(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
                handler.handle(request, response);
            }
        });
    }

    @FunctionalInterface
    interface Handler {
        void handle(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) throws java.io.IOException;
    }
}
