package io.payonce.channels.alipay;

/**
 * Where Alipay is told to post notifications: the configured {@code notify-url}, with
 * {@code {port}} filled in once this server listens (the default points at this very server).
 */
final class NotifyUrl {

    private final String template;
    private volatile String url;

    NotifyUrl(String template) {
        this.template = template;
        this.url = template;
    }

    /** Called when the public server listens, again if it restarts on another port. */
    void listeningOn(int port) {
        url = template.replace("{port}", Integer.toString(port));
    }

    String get() {
        return url;
    }
}
