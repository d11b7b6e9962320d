package io.payonce.web.membership;

import io.payonce.membership.MemberError;
import org.springframework.http.HttpStatus;

/** The HTTP status of a membership envelope's error: the first three digits of its code. */
final class MemberStatuses {

    private MemberStatuses() {
    }

    static HttpStatus of(MemberError error) {
        return HttpStatus.valueOf(error.code() / 100);
    }
}
