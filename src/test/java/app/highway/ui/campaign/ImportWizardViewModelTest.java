package app.highway.ui.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.campaign.CampaignPlan;
import app.highway.campaign.Outcome;
import app.highway.config.VoicemailPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import wizard's first steps without a toolkit or a bridge (the file is read and parsed here; the rows are
 * checked by the bridge, see {@code CampaignConsoleTest}): the mapping guessed from the header names, clear words
 * for a file that cannot be used, and the plan as typed.
 */
@Tag("unit")
class ImportWizardViewModelTest {
    @TempDir
    Path dir;

    private ImportWizardViewModel wizard() {
        return new ImportWizardViewModel(ConsoleServices.CampaignDesk.NONE, Runnable::run, Runnable::run, c -> { });
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theMappingIsGuessedFromTheHeaderAndTheOtherColumnsBecomeVariables() throws Exception {
        ImportWizardViewModel w = wizard();
        w.load(file("march.csv", "First Name,Phone Number,OTP,Notes\nAda,+15550100001,4821,vip\n")).join();
        assertEquals(ImportWizardViewModel.Step.MAPPING, w.stepProperty().get());
        assertEquals(List.of("First Name", "Phone Number", "OTP", "Notes"), List.copyOf(w.columns()));
        assertEquals("Phone Number", w.toColumnProperty().get());
        assertEquals("OTP", w.codeColumnProperty().get());
        assertEquals("Notes", w.noteColumnProperty().get());
        assertEquals("{{first_name}}", w.variables());
        assertEquals("march", w.nameProperty().get(), "the campaign is named after the file");
        assertTrue(w.messageProperty().get().startsWith("1 row and 4 columns"), w.messageProperty().get());
        assertEquals(Optional.empty(), w.problemWithMapping());

        w.noteColumnProperty().set("");
        assertEquals("{{first_name}}, {{notes}}", w.variables(), "an unmapped note is a variable like the others");
        w.codeColumnProperty().set("Phone Number");
        assertEquals(Optional.of("The number and the code cannot be the same column"), w.problemWithMapping());

        w.maxConcurrentProperty().set("10");
        w.reset();
        assertEquals(ImportWizardViewModel.Step.FILE, w.stepProperty().get(), "a new import starts with the file");
        assertTrue(w.columns().isEmpty());
        assertEquals("", w.nameProperty().get());
        assertEquals(10, w.plan().maxConcurrent(), "the plan typed last time is kept");
    }

    @Test
    void columnsWithOtherNamesAreFoundByWhatTheyContainOrLeftForThePersonToChoose() {
        assertEquals(Optional.of("mobile phone"), ImportWizardViewModel.guess(List.of("name", "mobile phone"),
                List.of("to", "phone_number"), "phone"));
        assertEquals(Optional.empty(), ImportWizardViewModel.guess(List.of("name", "digits"),
                List.of("verification", "code"), "code"));
    }

    @Test
    void aFileThatCannotBeUsedSaysWhyAndTheWizardStaysOnTheFileStep() throws Exception {
        ImportWizardViewModel w = wizard();
        w.load(dir.resolve("missing.csv")).join();
        assertTrue(w.messageProperty().get().startsWith("Cannot read missing.csv"), w.messageProperty().get());
        assertEquals(ImportWizardViewModel.Step.FILE, w.stepProperty().get());

        w.load(file("empty.csv", "")).join();
        assertTrue(w.messageProperty().get().startsWith("The list is empty"), w.messageProperty().get());
        assertEquals(ImportWizardViewModel.Step.FILE, w.stepProperty().get());

        w.load(file("names.csv", "name,city\nAda,London\n")).join();
        assertEquals(ImportWizardViewModel.Step.MAPPING, w.stepProperty().get());
        assertEquals(Optional.of("Choose the column that holds the phone number"), w.problemWithMapping());
        w.checkRows().join();
        assertEquals("Choose the column that holds the phone number", w.messageProperty().get(),
                "nothing is asked of the bridge before the mapping is whole");
    }

    @Test
    void thePlanIsTheBridgesDefaultsUnlessTypedAndBadValuesAreNamed() {
        ImportWizardViewModel w = wizard();
        w.nameProperty().set("March");
        CampaignPlan plan = w.plan();
        assertEquals(CampaignPlan.DEFAULT_MAX_CONCURRENT, plan.maxConcurrent());
        assertEquals(ImportWizardViewModel.AS_FAST_AS_ALLOWED, plan.callsPerSecond(), "capped by the bridge");
        assertTrue(plan.hours().anyTime());
        assertEquals(3, plan.retries().maxAttempts());

        w.hoursStartProperty().set("09:00");
        w.hoursEndProperty().set("20:30");
        w.timeZoneProperty().set("Europe/Paris");
        assertEquals("09:00", w.plan().hours().start().toString());
        assertEquals("Europe/Paris", w.plan().hours().zone().getId());

        w.maxConcurrentProperty().set("lots");
        assertEquals(Optional.of("Calls at once must be a number, not 'lots'"), w.problemWithPlan());
        w.maxConcurrentProperty().set("0");
        assertTrue(w.problemWithPlan().orElseThrow().startsWith("maxConcurrent must be 1 to"));
        w.maxConcurrentProperty().set("5");
        w.timeZoneProperty().set("Mars/Olympus");
        assertTrue(w.problemWithPlan().orElseThrow().startsWith("Unknown time zone 'Mars/Olympus'"));
        w.timeZoneProperty().set("UTC");
        w.hoursStartProperty().set("9h");
        assertEquals(Optional.of("Calling hours are times like 09:00 and 20:30 (end 24:00 for midnight)"),
                w.problemWithPlan());
    }

    @Test
    void daysVoicemailAndRetryingAfterVoicemailGoIntoThePlan() {
        ImportWizardViewModel w = wizard();
        w.nameProperty().set("Weekdays");
        CampaignPlan plan = w.plan();
        assertEquals(EnumSet.allOf(DayOfWeek.class), plan.hours().days(), "blank: every day");
        assertNull(plan.voicemail(), "unchosen: the bridge's default policy");
        assertTrue(plan.retries().retryOn().contains(Outcome.VOICEMAIL), "voicemail is retried by default");

        w.daysProperty().set("mon-fri");
        w.voicemailProperty().set(VoicemailPolicy.HANG_UP);
        w.retryVoicemailProperty().set(false);
        plan = w.plan();
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), plan.hours().days());
        assertFalse(plan.hours().anyTime(), "weekdays only is not any time");
        assertEquals(VoicemailPolicy.HANG_UP, plan.voicemail());
        assertFalse(plan.retries().retryOn().contains(Outcome.VOICEMAIL));
        assertTrue(plan.retries().retryOn().containsAll(EnumSet.of(Outcome.BUSY, Outcome.NO_ANSWER, Outcome.FAILED)),
                "the other outcomes are still retried");

        w.daysProperty().set("Saturday, sun");
        assertEquals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), w.plan().hours().days());
        w.daysProperty().set("fri-mon");
        assertEquals(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                w.plan().hours().days(), "a range wraps over the weekend");
        w.daysProperty().set("weekdays");
        assertEquals(Optional.of("Unknown day 'weekdays': use mon, tue, wed, thu, fri, sat, sun or a range like mon-fri"),
                w.problemWithPlan());
    }
}
