package app.highway.sim;

import app.highway.transport.Transport;
import app.highway.twilio.TwilioGateway;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION mode: a simulated carrier and a simulated model on loopback, driving believable calls
 * through the same bridge code as real ones. No real call is placed and nothing is billed.
 */
public final class Simulation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Simulation.class);
    private final SimulatedRealtimeServer model;
    private final SimulatedCarrier carrier;
    private final ScheduledExecutorService clock;
    private final String authToken;
    private final Transport network;

    private Simulation(SimulatedRealtimeServer model, SimulatedCarrier carrier, ScheduledExecutorService clock,
            String authToken, Transport network) {
        this.network = network;
        this.model = model;
        this.carrier = carrier;
        this.clock = clock;
        this.authToken = authToken;
    }

    public static Simulation start(ObjectMapper json) {
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "simulation");
            t.setDaemon(true);
            return t;
        });
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        // the simulated world's own network runtime: its sockets stay off the bridge's relay loop
        Transport network = Transport.start("simulation");
        SimulatedRealtimeServer model = new SimulatedRealtimeServer(network.vertx(), json, clock);
        try {
            model.start();
        } catch (RuntimeException e) {
            network.close();
            clock.shutdownNow();
            throw e;
        }
        SimulatedCarrier carrier = new SimulatedCarrier(network.vertx(), token, json, clock);
        Simulation simulation = new Simulation(model, carrier, clock, token, network);
        log.warn("SIMULATION: simulated Realtime model listening at {}", simulation.realtimeUrl());
        return simulation;
    }

    public URI realtimeUrl() {
        return model.url();
    }

    /** The simulated carrier signs its requests with this, as Twilio signs with the account's auth token. */
    public String authToken() {
        return authToken;
    }

    public TwilioGateway carrier() {
        return carrier;
    }

    @Override
    public void close() {
        carrier.close();
        model.close();
        clock.shutdownNow();
        network.close();
    }
}
