package io.payonce.channels.sim;

import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every simulator integration test starts from: the alipay channel through its port, the
 * /sim endpoints over HTTP, the outbox and the recorder of deliveries; fault switches reset after
 * each test, since the context (and its in-memory switches) is shared between test classes.
 */
abstract class SimulatorTestBase {

    @Autowired
    PaymentChannels channels;
    @Autowired
    NotificationOutbox outbox;
    @Autowired
    CallbackRecorder recorder;
    @LocalServerPort
    int port;

    PaymentChannel alipay;
    SimHttp http;

    @BeforeEach
    void setUpSimulator() {
        alipay = channels.find("alipay").orElseThrow();
        http = new SimHttp(port);
    }

    @AfterEach
    void resetFaults() {
        http.delete("/sim/alipay/faults");
        http.delete("/sim/wechat/faults");
    }
}
