package io.payonce.channels.wechat;

import java.util.Optional;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The notify_url sent with every prepay. The default points at this very server
 * ({@code http://127.0.0.1:{port}/v1/callbacks/wechat}), whose public port is known only once it
 * listens, and is taken again if the server restarts on another port. A bean of its own, so that
 * a wrapper around the channel (a breaker, a test's crash points) never hides it from the event.
 */
final class NotifyUrl implements ApplicationListener<WebServerInitializedEvent> {

    private final String template;
    private volatile String url;

    NotifyUrl(String template) {
        this.template = template.strip();
        this.url = this.template.contains("{port}") ? null : this.template;
    }

    /** The URL, or empty while the server's port is not known yet. */
    Optional<String> current() {
        return Optional.ofNullable(url);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // The management server has a namespace of its own; notifications go to the public port.
        if (event.getApplicationContext().getServerNamespace() == null && template.contains("{port}")) {
            url = template.replace("{port}", Integer.toString(event.getWebServer().getPort()));
        }
    }
}
