package io.payonce.cli.admin;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code payonce admin keys create|list|revoke}: merchant API keys, through /v1/admin/api-keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create, list and revoke merchant API keys.",
        subcommands = {ApiKeysCommand.Create.class, ApiKeysCommand.ListKeys.class, ApiKeysCommand.Revoke.class})
public class ApiKeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs one admin call; a refusal prints its reason and exits 1, without a stack trace. */
    abstract static class AdminCall implements Callable<Integer> {
        @Mixin
        AdminConnection connection;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                perform(spec.commandLine().getOut());
                return 0;
            } catch (AdminConnection.Failure e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }

        abstract void perform(PrintWriter out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key. It is printed once: payonce keeps only its hash.")
    static class Create extends AdminCall {
        @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
                description = "catalog, orders:read, orders:write, refunds, members, admin (repeat or separate with commas).")
        List<String> scopes;

        @Option(names = "--label", description = "What the key is for, e.g. 'shop backend'.")
        String label;

        @Option(names = {"-q", "--quiet"}, description = "Print only the key (for scripts).")
        boolean quiet;

        @Override
        void perform(PrintWriter out) {
            JsonNode created = connection.send("POST", "/v1/admin/api-keys",
                    label == null ? Map.of("scopes", scopes) : Map.of("scopes", scopes, "label", label));
            if (quiet) {
                out.println(created.path("key").asString());
                return;
            }
            out.println("Created API key " + created.path("id").asString() + " with scopes " + scopesOf(created) + ".");
            out.println("The key is shown this once; payonce keeps only its hash:");
            out.println(created.path("key").asString());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys by id (never the keys themselves).")
    static class ListKeys extends AdminCall {
        @Override
        void perform(PrintWriter out) {
            JsonNode keys = connection.send("GET", "/v1/admin/api-keys", null).path("keys");
            out.printf("%-14s %-34s %-28s %-28s %s%n", "ID", "SCOPES", "CREATED", "REVOKED", "LABEL");
            for (JsonNode key : keys) {
                out.printf("%-14s %-34s %-28s %-28s %s%n", key.path("id").asString(), scopesOf(key),
                        key.path("createdAt").asString(), key.path("revokedAt").asString("-"), key.path("label").asString(""));
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key for good.")
    static class Revoke extends AdminCall {
        @Parameters(paramLabel = "ID", description = "The key's id, or its prefix pk_<id>.")
        String id;

        @Override
        void perform(PrintWriter out) {
            String bare = id.startsWith("pk_") ? id.substring(3, Math.min(id.length(), 15)) : id;
            JsonNode revoked = connection.send("DELETE", "/v1/admin/api-keys/" + URLEncoder.encode(bare, StandardCharsets.UTF_8), null);
            out.println("Revoked API key " + revoked.path("id").asString() + " at " + revoked.path("revokedAt").asString() + ".");
        }
    }

    private static String scopesOf(JsonNode key) {
        StringBuilder scopes = new StringBuilder();
        key.path("scopes").forEach(scope -> scopes.append(scopes.isEmpty() ? "" : ",").append(scope.asString()));
        return scopes.toString();
    }
}
