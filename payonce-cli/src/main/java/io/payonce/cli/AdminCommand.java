package io.payonce.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code payonce admin ...}: operations on a running payonce through its admin API. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operate a running payonce through its admin API (admin token required).",
        subcommands = {RotateCardKeyCommand.class})
class AdminCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
