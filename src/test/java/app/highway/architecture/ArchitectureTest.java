package app.highway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The boundaries of the code, as executable rules with their reasons. */
@AnalyzeClasses(packages = "app.highway", importOptions = ImportOption.DoNotIncludeTests.class)
@ArchTag("unit") // ArchUnit's own engine reads @ArchTag, not JUnit's @Tag
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreKnowsNoUi = noClasses()
            .that().resideOutsideOfPackage("app.highway.ui..").and().doNotHaveSimpleName("Launcher")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "app.highway.ui..")
            .because("the bridge core runs headless on servers; the console only observes it through events "
                    + "and calls its services (only the launcher, which chooses between them, names the console)");

    @ArchTest
    static final ArchRule viewModelsStayOffTheSceneGraph = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..")
            .because("view models are tested without a running toolkit; views own the scene graph");

    @ArchTest
    static final ArchRule uiDoesNotReachIntoProtocols = noClasses()
            .that().resideInAPackage("app.highway.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("app.highway.api..",
                    "app.highway.sim..", "org.java_websocket..", "io.vertx..", "io.netty..", "org.eclipse.jetty..")
            .because("the console observes the bridge through events and calls CallService; it never speaks a "
                    + "wire protocol itself");

    @ArchTest
    static final ArchRule consoleUsesTheServicesItIsHanded = noClasses()
            .that().resideInAPackage("app.highway.ui..").and().doNotHaveSimpleName("ConsoleApp")
            .should().dependOnClassesThat().haveFullyQualifiedName("app.highway.Bridge")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("app.highway.call.CallService")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("app.highway.call.CallRegistry")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("app.highway.config.SettingsStore")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("app.highway.usage.PriceStore")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("app.highway.event.EventBus")
            .because("the console works through the small interfaces of ConsoleServices, which the bridge hands it "
                    + "(and a remote console will implement); only ConsoleApp starts the embedded bridge");

    @ArchTest
    static final ArchRule noStandardStreams = noClasses()
            .that().doNotHaveFullyQualifiedName("app.highway.cli.Terminal")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("everything goes through SLF4J so that operators can route it and secrets can be kept out; "
                    + "the one exception is the command line's terminal (cli.Terminal): a command's answer, such as "
                    + "a new token shown once, belongs to whoever typed it and must never reach a log file");

    @ArchTest
    static final ArchRule slf4jOnly = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .because("one logging API (SLF4J) for the whole product");

    @ArchTest
    static final ArchRule webSocketClientOnlyInRealtimeSimAndStream = noClasses()
            .that().resideOutsideOfPackages("app.highway.realtime..", "app.highway.sim..", "app.highway.stream..",
                    "app.highway.audiolink..")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.WebSocketClient")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.WebSocketConnectOptions")
            .because("the bridge opens one kind of socket, to the model, in one place: the Realtime client on "
                    + "one Vert.x WebSocket client, connected from the relay loop (the simulation's carrier plays "
                    + "Twilio's side of the media stream); a console opens one, to a bridge's /events, in the "
                    + "stream package that owns that protocol, and its call-audio links in audiolink, which owns "
                    + "that one");

    @ArchTest
    static final ArchRule oneHttpStack = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "io.javalin..")
            .because("one HTTP stack: the bridge's sockets, the simulation and the load benchmark's generator all "
                    + "run on Vert.x, on event loops; Jetty and Javalin have left the dependency tree");

    @ArchTest
    static final ArchRule noJavaWebSocketInTheProduct = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.java_websocket..")
            .because("the product's sockets run on Vert.x event loops; Java-WebSocket's two threads per socket "
                    + "did not scale to 200 calls, so it is left to the test fakes");

    @ArchTest
    static final ArchRule twilioSdkOnlyInTwilio = noClasses()
            .that().resideOutsideOfPackage("app.highway.twilio..")
            .should().dependOnClassesThat().resideInAPackage("com.twilio..")
            .because("one place knows Twilio's SDK and wire formats");

    @ArchTest
    static final ArchRule callLogicSpeaksNoJson = noClasses()
            .that().resideInAPackage("app.highway.call..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
            .because("each wire protocol has one owner: the model's JSON is realtime's (ModelConnection and "
                    + "ModelListener are typed), Twilio's is twilio's (MediaStreamSender, MediaEvent); the call's "
                    + "logic works on typed commands and events, so a second model dialect changes nothing here");

    @ArchTest
    static final ArchRule httpFrameworkOnlyInApi = noClasses()
            .that().resideOutsideOfPackage("app.highway.api..")
            .should().dependOnClassesThat().resideInAPackage("io.vertx.ext.web..")
            .because("the router (vertx-web) is how the bridge is reached, not what it does; calls must work "
                    + "without it");

    @ArchTest
    static final ArchRule callsDoNotKnowTheApi = noClasses()
            .that().resideInAnyPackage("app.highway.call..", "app.highway.realtime..", "app.highway.twilio..",
                    "app.highway.usage..", "app.highway.config..", "app.highway.event..", "app.highway.audio..")
            .should().dependOnClassesThat().resideInAnyPackage("app.highway.api..", "app.highway.sim..")
            .because("the API and the simulation sit on top of the call logic, never under it");

    @ArchTest
    static final ArchRule packagesFreeOfCycles = slices().matching("app.highway.(*)..")
            .should().beFreeOfCycles()
            .because("each package can be understood, tested and replaced on its own only if no two of them "
                    + "depend on each other");

    @ArchTest
    static final ArchRule sqlOnlyInStore = noClasses()
            .that().resideOutsideOfPackage("app.highway.store..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb..",
                    "org.sqlite..", "org.postgresql..", "com.zaxxer.hikari..")
            .because("one package owns the database: the console and the call core never touch JDBC, so nothing "
                    + "reaches the disk from the JavaFX thread or the audio path by accident");
}
