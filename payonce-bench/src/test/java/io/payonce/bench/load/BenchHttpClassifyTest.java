package io.payonce.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.bench.load.Reply.Outcome;
import org.junit.jupiter.api.Test;

class BenchHttpClassifyTest {

    private static final String SOLD_OUT = """
            {"type":"urn:payonce:problem:sold_out","title":"Not enough stock","status":409,"detail":"x","code":"sold_out"}""";

    @Test
    void a_listed_business_rejection_is_expected_not_an_error() {
        Reply reply = BenchHttp.classify(Call.postJson("create_order", "/v1/orders", "{}").expecting("409 sold_out"), 409, SOLD_OUT, false);

        assertThat(reply.outcome()).isEqualTo(Outcome.EXPECTED);
        assertThat(reply.cause()).isEqualTo("409 sold_out");
    }

    @Test
    void an_unlisted_rejection_is_an_error_named_by_status_and_problem_code() {
        Reply reply = BenchHttp.classify(Call.postJson("create_order", "/v1/orders", "{}"), 409, SOLD_OUT, false);

        assertThat(reply.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(reply.cause()).isEqualTo("409 sold_out");
    }

    @Test
    void the_membership_envelope_counts_as_success_only_with_code_zero() {
        Call renew = Call.postJson("renew", "/api/member/createOrRenewMember", "{}").asEnvelope();

        Reply ok = BenchHttp.classify(renew, 200, "{\"code\":0,\"message\":\"success\",\"data\":{}}", false);
        Reply refused = BenchHttp.classify(renew, 200, "{\"code\":40101,\"message\":\"bad sign\",\"data\":null}", false);
        Reply replay = BenchHttp.classify(renew, 401, "{\"code\":40103,\"message\":\"nonce\",\"data\":null}", false);

        assertThat(ok.outcome()).isEqualTo(Outcome.OK);
        assertThat(refused.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(refused.cause()).isEqualTo("200 code=40101");
        assertThat(replay.cause()).isEqualTo("401 code=40103");
    }

    @Test
    void a_plain_text_answer_is_named_by_its_text() {
        Reply reply = BenchHttp.classify(Call.postForm("callback", "/v1/callbacks/alipay", "a=b").expecting("400 fail"), 400, "fail", false);

        assertThat(reply.outcome()).isEqualTo(Outcome.EXPECTED);
        assertThat(reply.cause()).isEqualTo("400 fail");
    }

    @Test
    void a_server_error_is_an_error_even_with_a_listed_code_of_another_status() {
        Reply reply = BenchHttp.classify(Call.get("get", "/x").expecting("409 sold_out"), 500,
                "{\"code\":\"internal_error\",\"status\":500}", false);

        assertThat(reply.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(reply.cause()).isEqualTo("500 internal_error");
    }
}
