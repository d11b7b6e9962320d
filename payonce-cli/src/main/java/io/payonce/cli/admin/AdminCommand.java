package io.payonce.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code payonce admin ...}: operations on a running service, through its admin API. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administer a running payonce through its admin API (API keys, card-key rotation).",
        subcommands = {ApiKeysCommand.class, RotateCardKeyCommand.class})
public class AdminCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
