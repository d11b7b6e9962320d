package io.payonce.channels.wechat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.InboundNotification;
import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.channels.PaymentChannel.NotificationReply;

/**
 * Where the sandbox sends WeChat Pay notifications in a channel test: each is handed, as it
 * arrived, to the channel's {@code parseNotification} and answered with its {@code reply},
 * as the service's callback endpoint does, and what the channel read is kept for the test.
 */
final class NotificationReceiver implements AutoCloseable {

    private final HttpServer server;
    private final BlockingQueue<Notification> parsed = new LinkedBlockingQueue<>();
    private volatile PaymentChannel channel;

    NotificationReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/callbacks/wechat", this::receive);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/callbacks/wechat";
    }

    void answerWith(PaymentChannel channel) {
        this.channel = channel;
    }

    BlockingQueue<Notification> parsed() {
        return parsed;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            Notification notification = channel.parseNotification(new InboundNotification(headers, in.readAllBytes()));
            parsed.add(notification);
            NotificationReply reply = channel.reply(!(notification instanceof Notification.Invalid));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
