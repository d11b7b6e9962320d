package io.payonce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The gateway command takes the launchers' gateway settings as {@code --payonce.gateway.name=value}
 * (payonce bench passes its autopay and time scale so), and refuses anything else before starting.
 */
class GatewayCommandTest {

    @Test
    void gateway_settings_pass_through_as_spring_properties() {
        GatewayCommand command = new GatewayCommand();
        new CommandLine(command).parseArgs("--port", "0", "--payonce.gateway.autopay-ms=1000",
                "--payonce.gateway.notify-time-scale=0.01");

        assertThat(command.settings).containsExactly("--payonce.gateway.autopay-ms=1000", "--payonce.gateway.notify-time-scale=0.01");
    }

    @Test
    void any_other_unknown_option_is_refused_as_bad_input_without_starting_anything() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new GatewayCommand()).setErr(new PrintWriter(err)).execute("--port", "0", "--server.port=1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--server.port=1'");
    }
}
