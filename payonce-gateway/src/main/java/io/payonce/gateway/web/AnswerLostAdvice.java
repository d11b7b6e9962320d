package io.payonce.gateway.web;

import java.time.Duration;

import io.payonce.gateway.book.AnswerLost;
import io.payonce.gateway.config.GatewaySettings;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Plays the timeout fault for every protocol alike: a call that was carried out but whose answer
 * must be lost ({@link AnswerLost}) is held for {@code payonce.gateway.lost-answer-hold}, past a
 * client's timeout, and then its connection is dropped without a byte of answer
 * ({@link LostAnswerValve}). The client sees what it would see of a real gateway that went
 * silent. The hold sleeps on a virtual thread, so a storm of these costs no platform threads.
 * Ordered first, so no other advice turns it into an error answer.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AnswerLostAdvice {

    private static final Logger log = LoggerFactory.getLogger(AnswerLostAdvice.class);

    private final Duration hold;

    AnswerLostAdvice(GatewaySettings settings) {
        this.hold = settings.lostAnswerHold();
    }

    @ExceptionHandler(AnswerLost.class)
    @ResponseStatus(org.springframework.http.HttpStatus.GATEWAY_TIMEOUT)
    void loseTheAnswer(AnswerLost lost, HttpServletRequest request) throws InterruptedException {
        log.info("{}: holding {} {} for {}, then dropping the connection", lost.getMessage(), request.getMethod(),
                request.getRequestURI(), hold);
        request.setAttribute(LostAnswerValve.DROP_CONNECTION, Boolean.TRUE);
        Thread.sleep(hold);
    }
}
