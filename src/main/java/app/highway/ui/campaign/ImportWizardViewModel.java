package app.highway.ui.campaign;

import app.highway.ConsoleServices;
import app.highway.campaign.CallingHours;
import app.highway.campaign.CampaignImport;
import app.highway.campaign.CampaignInputException;
import app.highway.campaign.CampaignPlan;
import app.highway.campaign.CampaignRecord;
import app.highway.campaign.Campaigns;
import app.highway.campaign.ColumnMapping;
import app.highway.campaign.Outcome;
import app.highway.campaign.Preview;
import app.highway.campaign.RetryPolicy;
import app.highway.campaign.RowProblem;
import app.highway.config.VoicemailPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The import wizard: a CSV file, then which column is the number, the code and the note (guessed from the header
 * names; the other columns become template variables such as {@code {{first_name}}}), then the bridge's own preview
 * of every row (bad rows with their reason, the total, the estimate at the pace chosen) with the pace, concurrency,
 * calling hours and retries, then create (and start, or a test call of the first row). The file is read and every
 * question to the bridge asked on {@code background}; the answers land through {@code fx}.
 */
public final class ImportWizardViewModel {
    /** The wizard's steps, in order. */
    public enum Step { FILE, MAPPING, PREVIEW }

    /** The pace asked for when none is typed: the bridge caps it at its own, which the preview then shows. */
    static final double AS_FAST_AS_ALLOWED = 1000;
    private static final List<String> NUMBER_NAMES = List.of("to", "phone", "phone_number", "number", "mobile",
            "msisdn", "tel", "telephone");
    private static final List<String> CODE_NAMES = List.of("verification", "code", "verification_code", "otp", "pin");
    private static final List<String> NOTE_NAMES = List.of("note", "notes", "comment", "comments");

    /** The note's column when none is chosen: a name no column has. */
    static final String NO_NOTE = "(no note column)";
    private final ConsoleServices.CampaignDesk desk;
    private final Executor background;
    private final Executor fx;
    private final Consumer<CampaignRecord> created;
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.FILE);
    private final StringProperty fileName = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final StringProperty toColumn = new SimpleStringProperty("");
    private final StringProperty codeColumn = new SimpleStringProperty("");
    private final StringProperty noteColumn = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty callsPerSecond = new SimpleStringProperty("");
    private final StringProperty maxConcurrent = new SimpleStringProperty(
            String.valueOf(CampaignPlan.DEFAULT_MAX_CONCURRENT));
    private final StringProperty hoursStart = new SimpleStringProperty("");
    private final StringProperty hoursEnd = new SimpleStringProperty("");
    private final StringProperty timeZone = new SimpleStringProperty("UTC");
    /** Calling days as typed ({@code mon-fri}, {@code mon, wed, sat}); blank: every day. */
    private final StringProperty days = new SimpleStringProperty("");
    /** What a call that reaches voicemail does; null: the bridge's default for campaigns. */
    private final ObjectProperty<VoicemailPolicy> voicemail = new SimpleObjectProperty<>();
    /** A row whose call reached voicemail is tried again (while attempts are left). */
    private final BooleanProperty retryVoicemail = new SimpleBooleanProperty(
            RetryPolicy.DEFAULT.retryOn().contains(Outcome.VOICEMAIL));
    private final StringProperty maxAttempts = new SimpleStringProperty(
            String.valueOf(RetryPolicy.DEFAULT.maxAttempts()));
    private final StringProperty retryMinutes = new SimpleStringProperty(
            String.valueOf(RetryPolicy.DEFAULT.delay().toMinutes()));
    private final BooleanProperty testMode = new SimpleBooleanProperty();
    private final ObjectProperty<Preview> preview = new SimpleObjectProperty<>();
    private final ObservableList<RowProblem> problems = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private byte[] csv;
    private int records;

    /** {@code created}: told (on the FX thread) of the campaign once it is created (and started). */
    public ImportWizardViewModel(ConsoleServices.CampaignDesk desk, Executor background, Executor fx,
            Consumer<CampaignRecord> created) {
        this.desk = desk;
        this.background = background;
        this.fx = fx;
        this.created = created;
    }

    // ---- step 1: the file

    /** Reads {@code file} (off the FX thread) and goes on to the mapping, with a guess from the header names. */
    public CompletableFuture<Void> load(Path file) {
        busy.set(true);
        message.set("Reading " + file.getFileName() + "…");
        return CompletableFuture.supplyAsync(() -> read(file), background).handleAsync((read, e) -> {
            busy.set(false);
            if (e != null) {
                message.set(why(e));
                return null;
            }
            csv = read.bytes();
            records = read.list().records().size();
            fileName.set(file.getFileName().toString());
            columns.setAll(read.list().columns());
            toColumn.set(guess(read.list().columns(), NUMBER_NAMES, "phone").orElse(""));
            codeColumn.set(guess(read.list().columns(), CODE_NAMES, "code").orElse(""));
            noteColumn.set(guess(read.list().columns(), NOTE_NAMES, "note").orElse(""));
            if (name.get().isBlank()) {
                name.set(stripExtension(file.getFileName().toString()));
            }
            message.set(records == 0 ? "The file has a header but no rows: nothing would be dialled"
                    : records + (records == 1 ? " row" : " rows") + " and " + columns.size() + " columns read from "
                    + fileName.get() + ". Check which column is which.");
            preview.set(null);
            problems.clear();
            step.set(Step.MAPPING);
            return null;
        }, fx);
    }

    private record Read(byte[] bytes, CampaignImport.RawList list) { }

    private static Read read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CampaignInputException("unreadable", "Cannot read " + file.getFileName() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return new Read(bytes, CampaignImport.csv(bytes));
    }

    /** The column whose name is one of {@code names}, else the first that contains {@code part}. */
    static Optional<String> guess(List<String> columns, List<String> names, String part) {
        for (String n : names) {
            for (String c : columns) {
                if (key(c).equals(n)) {
                    return Optional.of(c);
                }
            }
        }
        return columns.stream().filter(c -> key(c).contains(part)).findFirst();
    }

    private static String key(String column) {
        return column.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    private static String stripExtension(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    // ---- step 2: the mapping

    /** The columns that become template variables (every column not mapped), as {@code {{name}}}. */
    public String variables() {
        return columns.stream().filter(c -> !c.equals(toColumn.get()) && !c.equals(codeColumn.get())
                && !c.equals(noteColumn.get())).map(c -> "{{" + app.highway.campaign.Templates.variableName(c) + "}}")
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    /** What is wrong with the mapping, if anything. */
    public Optional<String> problemWithMapping() {
        if (toColumn.get() == null || toColumn.get().isBlank()) {
            return Optional.of("Choose the column that holds the phone number");
        }
        if (codeColumn.get() == null || codeColumn.get().isBlank()) {
            return Optional.of("Choose the column that holds the verification code");
        }
        if (toColumn.get().equals(codeColumn.get())) {
            return Optional.of("The number and the code cannot be the same column");
        }
        if (!noteColumn.get().isBlank() && (noteColumn.get().equals(toColumn.get())
                || noteColumn.get().equals(codeColumn.get()))) {
            return Optional.of("The note cannot be the number's or the code's column");
        }
        return Optional.empty();
    }

    /** Checks every row with the bridge (nothing is kept) and shows the preview. */
    public CompletableFuture<Void> checkRows() {
        Optional<String> problem = problemWithMapping().or(this::problemWithPlan);
        if (problem.isPresent()) {
            message.set(problem.get());
            return CompletableFuture.completedFuture(null);
        }
        ConsoleServices.CampaignList list = list();
        busy.set(true);
        message.set("Checking every row…");
        return CompletableFuture.supplyAsync(() -> desk.preview(list), background).handleAsync((p, e) -> {
            busy.set(false);
            if (e != null) {
                message.set(why(e));
                return null;
            }
            preview.set(p);
            problems.setAll(p.skipped());
            summary.set(summary(p));
            message.set(p.valid() == 0 ? "No row can be dialled: see the reasons below" : "");
            step.set(Step.PREVIEW);
            return null;
        }, fx);
    }

    /** The preview in one sentence: the total, what is skipped, the estimate at the pace the bridge will use. */
    static String summary(Preview p) {
        return p.rows() + (p.rows() == 1 ? " row" : " rows") + ": " + p.valid() + " to dial, "
                + p.skipped().size() + " skipped. About " + CampaignProgressViewModel.duration(p.estimatedSeconds())
                + " at " + String.format(Locale.ROOT, "%.1f", p.callsPerSecond()) + " calls/s and "
                + p.maxConcurrent() + " at once.";
    }

    // ---- step 3: create

    /** Creates the campaign; unless {@code startNow} is false, starts it (test mode: the first row only). */
    public CompletableFuture<Void> create(boolean startNow) {
        Optional<String> problem = problemWithMapping().or(this::problemWithPlan);
        if (problem.isPresent() || csv == null) {
            message.set(problem.orElse("Choose a file first"));
            return CompletableFuture.completedFuture(null);
        }
        ConsoleServices.CampaignList list = list();
        boolean test = testMode.get();
        busy.set(true);
        message.set("Creating the campaign…");
        return CompletableFuture.supplyAsync(() -> {
            Campaigns.Created made = desk.create(list);
            if (!startNow || made.preview().valid() == 0) {
                return made.campaign();
            }
            return desk.control(made.campaign().id(), test ? ConsoleServices.CampaignAction.TEST
                    : ConsoleServices.CampaignAction.START);
        }, background).handleAsync((record, e) -> {
            busy.set(false);
            if (e != null) {
                message.set(why(e));
                return null;
            }
            message.set("Created " + record.plan().name() + " (" + record.id() + ")");
            created.accept(record);
            return null;
        }, fx);
    }

    /** A new import: back to the file step; the plan typed last time is kept (a team dials its lists alike). */
    public void reset() {
        step.set(Step.FILE);
        message.set("");
        fileName.set("");
        name.set("");
        columns.clear();
        preview.set(null);
        problems.clear();
        summary.set("");
        testMode.set(false);
        csv = null;
        records = 0;
    }

    /** Back one step (the file and the answers are kept). */
    public void back() {
        step.set(step.get() == Step.PREVIEW ? Step.MAPPING : Step.FILE);
        message.set("");
    }

    private ConsoleServices.CampaignList list() {
        return new ConsoleServices.CampaignList(csv, new ColumnMapping(toColumn.get(), codeColumn.get(),
                // an unmapped note: a name no column has, so no column is taken as the note
                noteColumn.get().isBlank() ? NO_NOTE : noteColumn.get()), plan());
    }

    /** What is wrong with the pace, hours or retries as typed, if anything. */
    public Optional<String> problemWithPlan() {
        try {
            plan();
            return Optional.empty();
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    CampaignPlan plan() {
        double cps = callsPerSecond.get().isBlank() ? AS_FAST_AS_ALLOWED
                : number(callsPerSecond.get(), "The pace (calls per second)");
        int concurrent = (int) number(maxConcurrent.get(), "Calls at once");
        int attempts = (int) number(maxAttempts.get(), "Attempts");
        long minutes = (long) number(retryMinutes.get(), "Minutes between attempts");
        CallingHours hours = hours();
        Set<Outcome> retryOn = EnumSet.copyOf(RetryPolicy.DEFAULT.retryOn());
        if (retryVoicemail.get()) {
            retryOn.add(Outcome.VOICEMAIL);
        } else {
            retryOn.remove(Outcome.VOICEMAIL);
        }
        return new CampaignPlan(name.get(), cps, concurrent, hours,
                new RetryPolicy(attempts, Duration.ofMinutes(minutes), retryOn), voicemail.get());
    }

    private CallingHours hours() {
        String start = hoursStart.get().strip();
        String end = hoursEnd.get().strip();
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone.get().isBlank() ? "UTC" : timeZone.get().strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Unknown time zone '" + timeZone.get()
                    + "': use a name like Europe/Paris or America/New_York");
        }
        Set<DayOfWeek> on = CallingHours.parseDays(List.of(days.get() == null ? "" : days.get()));
        if (start.isEmpty() && end.isEmpty()) {
            return new CallingHours(LocalTime.MIN, LocalTime.MAX, on, zone);
        }
        try {
            return new CallingHours(start.isEmpty() ? LocalTime.MIN : LocalTime.parse(start),
                    end.isEmpty() || end.equals("24:00") ? LocalTime.MAX : LocalTime.parse(end), on, zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Calling hours are times like 09:00 and 20:30 (end 24:00 for midnight)");
        }
    }

    private static double number(String text, String what) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(what + " must be a number, not '" + text + "'");
        }
    }

    static String why(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    // ---- properties

    public ObjectProperty<Step> stepProperty() {
        return step;
    }

    public StringProperty fileNameProperty() {
        return fileName;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<String> columns() {
        return columns;
    }

    public StringProperty toColumnProperty() {
        return toColumn;
    }

    public StringProperty codeColumnProperty() {
        return codeColumn;
    }

    public StringProperty noteColumnProperty() {
        return noteColumn;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty callsPerSecondProperty() {
        return callsPerSecond;
    }

    public StringProperty maxConcurrentProperty() {
        return maxConcurrent;
    }

    public StringProperty hoursStartProperty() {
        return hoursStart;
    }

    public StringProperty hoursEndProperty() {
        return hoursEnd;
    }

    public StringProperty timeZoneProperty() {
        return timeZone;
    }

    public StringProperty daysProperty() {
        return days;
    }

    public ObjectProperty<VoicemailPolicy> voicemailProperty() {
        return voicemail;
    }

    public BooleanProperty retryVoicemailProperty() {
        return retryVoicemail;
    }

    public StringProperty maxAttemptsProperty() {
        return maxAttempts;
    }

    public StringProperty retryMinutesProperty() {
        return retryMinutes;
    }

    public BooleanProperty testModeProperty() {
        return testMode;
    }

    public ObjectProperty<Preview> previewProperty() {
        return preview;
    }

    public ObservableList<RowProblem> problems() {
        return problems;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public int records() {
        return records;
    }
}
