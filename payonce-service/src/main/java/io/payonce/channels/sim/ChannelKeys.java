package io.payonce.channels.sim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;

import io.payonce.channels.Rsa2Signatures;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gateways' RSA key pairs, kept in {@code sim_channel_keys} so that every payonce instance on
 * the same database signs and verifies with the same keys, and a restart keeps them.
 */
final class ChannelKeys {

    private ChannelKeys() {
    }

    /**
     * The channel's key pair: the stored one, or a new one when none is stored yet. Two instances
     * starting together may both generate; ON CONFLICT keeps the first, and both read it back.
     */
    static KeyPair loadOrCreate(JdbcClient jdbc, String channel) {
        return read(jdbc, channel).orElseGet(() -> {
            KeyPair fresh = Rsa2Signatures.generateKeyPair();
            jdbc.sql("""
                    INSERT INTO sim_channel_keys (channel, private_key, public_key) VALUES (:channel, :private, :public)
                    ON CONFLICT (channel) DO NOTHING""")
                    .param("channel", channel)
                    .param("private", fresh.getPrivate().getEncoded())
                    .param("public", fresh.getPublic().getEncoded())
                    .update();
            return read(jdbc, channel).orElseThrow(() -> new IllegalStateException("Key of channel " + channel + " vanished"));
        });
    }

    private static java.util.Optional<KeyPair> read(JdbcClient jdbc, String channel) {
        return jdbc.sql("SELECT private_key, public_key FROM sim_channel_keys WHERE channel = :channel")
                .param("channel", channel)
                .query((rs, row) -> keyPair(channel, rs.getBytes("private_key"), rs.getBytes("public_key")))
                .optional();
    }

    private static KeyPair keyPair(String channel, byte[] privateDer, byte[] publicDer) {
        try {
            PublicKey publicKey = Rsa2Signatures.publicKeyFromDer(publicDer);
            return new KeyPair(publicKey, Rsa2Signatures.privateKeyFromDer(privateDer));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored key pair of channel " + channel + " is unreadable", e);
        }
    }
}
