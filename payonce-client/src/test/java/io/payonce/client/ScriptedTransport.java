package io.payonce.client;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.payonce.client.http.HttpAnswer;
import io.payonce.client.http.HttpCall;
import io.payonce.client.http.HttpTransport;

/** A transport that answers from a script and keeps every call it was given. */
final class ScriptedTransport implements HttpTransport {

    private interface Step {
        HttpAnswer play() throws IOException;
    }

    final List<HttpCall> calls = new ArrayList<>();
    private final Deque<Step> script = new ArrayDeque<>();

    ScriptedTransport answer(int status, String body, String... headerPairs) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
        }
        HttpAnswer answer = new HttpAnswer(status, HttpHeaders.of(headers, (n, v) -> true), body);
        script.add(() -> answer);
        return this;
    }

    ScriptedTransport problem(int status, String code, String... headerPairs) {
        return answer(status, "{\"status\":" + status + ",\"code\":\"" + code + "\",\"title\":\"t\",\"detail\":\"d " + code + "\"}",
                headerPairs);
    }

    ScriptedTransport fail(IOException failure) {
        script.add(() -> {
            throw failure;
        });
        return this;
    }

    @Override
    public HttpAnswer send(HttpCall call) throws IOException {
        calls.add(call);
        if (script.isEmpty()) {
            throw new AssertionError("no answer scripted for call " + calls.size() + ": " + call.method() + " " + call.uri());
        }
        return script.poll().play();
    }

    List<String> keys() {
        return calls.stream().map(call -> call.header("Idempotency-Key")).toList();
    }

    @Override
    public void close() {
    }
}
