package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.audiolink.AudioFrame;
import app.highway.audiolink.LinkDelay;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.Speaker;
import app.highway.call.TranscriptLine;
import app.highway.config.Secret;
import app.highway.remote.RemotePowers;
import app.highway.support.FakeAudioLink;
import app.highway.support.TestAudio;
import app.highway.team.Actor;
import app.highway.team.Role;
import app.highway.ui.call.CallDetailView;
import app.highway.ui.call.CallDetailViewModel;
import app.highway.ui.call.SupervisePane;
import app.highway.ui.call.SuperviseViewModel;
import app.highway.ui.common.Background;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The call detail's Supervise section against a fake bridge speaking the powers' HTTP API and the call-audio
 * link over real sockets, with a test sink and microphone standing in for the speakers: what is enabled for
 * whom (a supervisor, an agent on their own call and on someone else's) and with or without an audio device,
 * what each control asks the bridge, and a listen playing the bridge's frames into the sink.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class SuperviseConsoleTest {
    private static final Actor SUPERVISOR = new Actor("sam", Role.SUPERVISOR);
    private static final Actor ALICE = new Actor("alice", Role.AGENT);
    private final Map<String, CallSnapshot> calls = new ConcurrentHashMap<>();
    private final Background background = new Background();
    private FakeAudioLink bridge;
    private RemotePowers powers;
    private Stage stage;
    private SuperviseViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        bridge = new FakeAudioLink();
        powers = RemotePowers.over(URI.create(bridge.base()), Secret.of(FakeAudioLink.TOKEN));
        calls.put("hw-alice", call("hw-alice", "alice", CallState.IN_PROGRESS));
        calls.put("hw-carol", call("hw-carol", "carol", CallState.IN_PROGRESS));
        calls.put("hw-ended", call("hw-ended", "alice", CallState.COMPLETED));
        stage.setScene(new Scene(new VBox(), 1250, 260));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        if (model != null) {
            WaitForAsyncUtils.asyncFx(model::close).get();
        }
        powers.close();
        bridge.close();
        background.close();
    }

    private static CallSnapshot call(String id, String placedBy, CallState state) {
        CallSnapshot s = Snapshots.of(id, "+15559876543", state, null);
        List<TranscriptLine> transcript = new ArrayList<>(s.transcript());
        transcript.add(new TranscriptLine("n1", Speaker.SUPERVISOR, "be brief, they are driving",
                Snapshots.T0.plusSeconds(6)));
        return new CallSnapshot(s.id(), s.callSid(), s.to(), s.note(), placedBy, s.state(), s.reflection(),
                s.endReason(), s.usage(), s.costUsd(), s.voiceCostUsd(), s.transcriptionUsage(),
                s.transcriptionCostUsd(), s.createdAt(), s.answeredAt(), s.endedAt(), s.durationSeconds(), s.speaking(),
                s.model(), s.voice(), s.promptVersion(), s.simulated(), transcript, s.timeline(), s.settings());
    }

    /** The Supervise section for {@code actor} on this computer's {@code audio}, showing call {@code id}. */
    private void mount(Actor actor, TestAudio audio, String id) throws Exception {
        model = WaitForAsyncUtils.asyncFx(() -> {
            SuperviseViewModel m = new SuperviseViewModel(powers, audio, actor,
                    callId -> Optional.ofNullable(calls.get(callId)), () -> "+15557654321", background,
                    Platform::runLater);
            stage.getScene().setRoot(new VBox(new SupervisePane(m).node()));
            m.show(id);
            return m;
        }).get();
        // the devices are looked up off the FX thread: wait for the answer to reach the view
        waitUntil(() -> audio.outputProblem().orElse("").equals(model.outputProblemProperty().get()));
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    private static boolean enabled(FxRobot robot, String id) {
        return !robot.lookup(id).queryAs(Node.class).isDisabled();
    }

    private static String tooltip(FxRobot robot, String id) {
        Tooltip t = (Tooltip) robot.lookup(id + "Tip").queryAs(Node.class).getProperties().get("javafx.scene.control.Tooltip");
        return t == null ? null : t.getText();
    }

    @Test
    void aSupervisorMayUseEveryPowerOnAnyLiveCall(FxRobot robot) throws Exception {
        mount(SUPERVISOR, TestAudio.present(), "hw-carol");
        for (String id : List.of("#listenButton", "#muteButton", "#takeOverButton", "#transferButton", "#whisperText",
                "#sayText", "#whisperRespond")) {
            assertTrue(enabled(robot, id), id + " is enabled for a supervisor");
        }
        assertFalse(enabled(robot, "#whisperSend"), "nothing typed, nothing to send");
    }

    @Test
    void anAgentSupervisesOnlyTheirOwnCallsAndNeverTakesOverOrTransfers(FxRobot robot) throws Exception {
        mount(ALICE, TestAudio.present(), "hw-alice");
        for (String id : List.of("#listenButton", "#muteButton", "#whisperText", "#sayText")) {
            assertTrue(enabled(robot, id), id + " on the agent's own call");
        }
        assertFalse(enabled(robot, "#takeOverButton"), "take over: supervisors only");
        assertFalse(enabled(robot, "#transferButton"), "transfer: supervisors only");
        assertEquals("Supervisors only", tooltip(robot, "#takeOverButton"));

        javafx.scene.control.ContextMenu menu = WaitForAsyncUtils.asyncFx(
                () -> app.highway.ui.call.SuperviseMenu.of(model)).get();
        Map<String, Boolean> disabled = new java.util.HashMap<>();
        menu.getItems().forEach(i -> disabled.put(i.getId(), i.isDisable()));
        assertEquals(false, disabled.get("menuListen"), "the board's menu offers the same powers");
        assertEquals(false, disabled.get("menuWhisper"));
        assertEquals(true, disabled.get("menuTakeOver"));
        assertEquals(true, disabled.get("menuTransfer"));

        robot.interact(() -> model.show("hw-carol"));
        for (String id : List.of("#listenButton", "#muteButton", "#whisperText", "#sayText", "#takeOverButton",
                "#transferButton")) {
            assertFalse(enabled(robot, id), id + " on another agent's call");
        }
        assertEquals("Agents may supervise only the calls they placed",
                robot.lookup("#superviseMessage").queryAs(Label.class).getText());
    }

    @Test
    void withoutAnAudioDeviceListeningAndTakingOverSaySoAndAreOff(FxRobot robot) throws Exception {
        mount(SUPERVISOR, TestAudio.absent(), "hw-carol");
        assertFalse(enabled(robot, "#listenButton"));
        assertFalse(enabled(robot, "#takeOverButton"));
        assertEquals("No audio output device on this computer", tooltip(robot, "#listenButton"));
        assertEquals("No audio output device on this computer", tooltip(robot, "#takeOverButton"));
        assertTrue(enabled(robot, "#whisperText"), "the text powers need no device");
        assertTrue(enabled(robot, "#transferButton"));

        robot.interact(() -> model.show("hw-ended"));
        for (String id : List.of("#listenButton", "#muteButton", "#whisperText", "#takeOverButton", "#transferButton")) {
            assertFalse(enabled(robot, id), id + " on an ended call");
        }
    }

    @Test
    void whisperSayMuteAndTransferAskTheBridgeWithWhatWasTyped(FxRobot robot) throws Exception {
        mount(SUPERVISOR, TestAudio.present(), "hw-carol");
        robot.clickOn("#whisperText").write("be brief, they are driving");
        robot.clickOn("#whisperRespond");
        robot.clickOn("#whisperSend");
        waitUntil(() -> bridge.powers.contains(
                "POST /calls/hw-carol/whisper {\"text\":\"be brief, they are driving\",\"respond\":true}"));
        waitUntil(() -> robot.lookup("#whisperText").queryAs(TextField.class).getText().isEmpty());
        assertEquals("Note sent; the assistant answers now",
                robot.lookup("#superviseMessage").queryAs(Label.class).getText());

        robot.clickOn("#sayText").write("Please hold the line for a moment.");
        robot.clickOn("#saySend");
        waitUntil(() -> bridge.powers.contains(
                "POST /calls/hw-carol/say {\"text\":\"Please hold the line for a moment.\"}"));

        robot.clickOn("#muteButton");
        waitUntil(() -> bridge.powers.contains("POST /calls/hw-carol/mute"));
        waitUntil(() -> robot.lookup("#muteButton").queryAs(ToggleButton.class).getText().equals("Unmute assistant"));
        robot.clickOn("#muteButton");
        waitUntil(() -> bridge.powers.contains("POST /calls/hw-carol/unmute"));
        waitUntil(() -> robot.lookup("#muteButton").queryAs(ToggleButton.class).getText().equals("Mute assistant"));

        robot.clickOn("#transferButton");
        waitUntil(() -> robot.lookup("#transferNumber").tryQuery().isPresent());
        assertEquals("+15557654321", robot.lookup("#transferNumber").queryAs(TextField.class).getText(),
                "prefilled with the transfer number");
        robot.clickOn("#transferWarm");
        robot.clickOn("#transferConfirm");
        waitUntil(() -> bridge.powers.contains(
                "POST /calls/hw-carol/transfer {\"to\":\"+15557654321\",\"warm\":true}"));
    }

    @Test
    void aRefusalIsShownInTheBridgesWords(FxRobot robot) throws Exception {
        bridge.refuse("hw-alice", 409, "The call is muted: unmute it first");
        mount(ALICE, TestAudio.present(), "hw-alice");
        robot.clickOn("#sayText").write("Hello");
        robot.clickOn("#saySend");
        Label message = robot.lookup("#superviseMessage").queryAs(Label.class);
        waitUntil(() -> message.getText().equals("The call is muted: unmute it first"));
        assertTrue(message.getStyleClass().contains("supervise-error"));
        assertEquals("Hello", robot.lookup("#sayText").queryAs(TextField.class).getText(), "kept, to try again");

        robot.clickOn("#listenButton");
        waitUntil(() -> message.getText().equals("The call is muted: unmute it first"));
        assertFalse(robot.lookup("#listenButton").queryAs(ToggleButton.class).isSelected());
    }

    @Test
    void listeningPlaysTheBridgesFramesOnTheSpeakersInOrderUntilStopped(FxRobot robot) throws Exception {
        TestAudio audio = TestAudio.present();
        mount(SUPERVISOR, audio, "hw-carol");
        robot.clickOn("#listenButton");
        waitUntil(() -> bridge.isOpen("hw-carol", "listen"));
        waitUntil(() -> robot.lookup("#listenButton").queryAs(ToggleButton.class).isSelected());
        List<AudioFrame> frames = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] audioBytes = new byte[AudioFrame.AUDIO_BYTES];
            java.util.Arrays.fill(audioBytes, (byte) (0x10 + i));
            frames.add(new AudioFrame(i, LinkDelay.nowMicros(), audioBytes));
        }
        bridge.send("hw-carol", "listen", frames);
        TestAudio.RecordingSink sink = audio.sinks.get(0);
        waitUntil(() -> sink.frames().size() == 20);
        assertEquals(frames, sink.frames(), "the bridge's frames, in order, on the speakers");
        waitUntil(() -> robot.lookup("#listenReadout").queryAs(Label.class).getText().startsWith("delay "));

        robot.interact(() -> robot.lookup("#volumeSlider").queryAs(javafx.scene.control.Slider.class).setValue(35));
        assertEquals(35, sink.volume(), "the volume reaches the speakers");

        robot.clickOn("#listenButton");
        waitUntil(() -> !bridge.isOpen("hw-carol", "listen"));
        waitUntil(sink::isClosed);
        assertFalse(robot.lookup("#listenButton").queryAs(ToggleButton.class).isSelected());
    }

    @Test
    void takingOverSendsTheMicrophoneToTheCallerWithTheMicLiveSignUntilHandedBack(FxRobot robot) throws Exception {
        TestAudio audio = TestAudio.present();
        mount(SUPERVISOR, audio, "hw-carol");
        assertFalse(robot.lookup("#micLive").queryAs(Label.class).isVisible());
        robot.clickOn("#takeOverButton");
        waitUntil(() -> bridge.isOpen("hw-carol", "takeover"));
        waitUntil(() -> robot.lookup("#takeOverButton").queryAs(ToggleButton.class).getText().equals("Hand back"));
        assertTrue(robot.lookup("#micLive").queryAs(Label.class).isVisible(), "the microphone is live");
        TestAudio.ScriptedSource mic = audio.sources.get(0);
        assertTrue(mic.isStarted());
        mic.speak(5);
        waitUntil(() -> bridge.received("hw-carol").size() == 5);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), bridge.received("hw-carol").stream().map(AudioFrame::seq).toList());

        robot.clickOn("#takeOverButton");
        waitUntil(() -> !bridge.isOpen("hw-carol", "takeover"));
        assertTrue(mic.isStopped(), "the microphone is let go at the hand-back");
        waitUntil(() -> robot.lookup("#takeOverButton").queryAs(ToggleButton.class).getText().equals("Take over"));
        assertFalse(robot.lookup("#micLive").queryAs(Label.class).isVisible());
        assertEquals("Handed back to the assistant", robot.lookup("#superviseMessage").queryAs(Label.class).getText());
    }

    @Test
    void aSupervisorsNoteIsSetApartFromWhatTheCallerHeard(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            CallDetailViewModel detail = CallDetailViewModel.live(id -> Optional.ofNullable(calls.get(id)), id -> true,
                    ZoneOffset.UTC, background);
            stage.getScene().setRoot(new CallDetailView(detail, ZoneOffset.UTC, "callDetail").node());
            detail.show("hw-carol");
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        List<ListCell<TranscriptLine>> cells = robot.lookup("#transcript .list-cell").queryAll().stream()
                .map(n -> (ListCell<TranscriptLine>) n).filter(c -> c.getItem() != null).toList();
        ListCell<TranscriptLine> note = cells.stream().filter(c -> c.getItem().speaker() == Speaker.SUPERVISOR)
                .findFirst().orElseThrow();
        assertEquals("10:15:36  Note to the assistant:  be brief, they are driving", note.getText());
        assertTrue(note.getStyleClass().contains("line-supervisor"));
        assertTrue(note.getGraphic() != null, "an icon marks the note");
        ListCell<TranscriptLine> caller = cells.stream().filter(c -> c.getItem().speaker() == Speaker.CALLER)
                .findFirst().orElseThrow();
        assertFalse(caller.getStyleClass().contains("line-supervisor"));
        assertTrue(caller.getText().contains("Caller:  Thanks"));
    }
}
