package io.payonce.channels;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** Test access to the channels' breakers, which production code never reaches from outside. */
public final class Breakers {

    private Breakers() {
    }

    public static CircuitBreaker of(PaymentChannels channels, String name) {
        return ((ResilientChannel) channels.find(name).orElseThrow()).breaker();
    }

    /** Forgets what every breaker saw: each test starts with closed breakers. */
    public static void resetAll(PaymentChannels channels) {
        channels.names().forEach(name -> of(channels, name).reset());
    }
}
