package app.highway.campaign;

/** A list that cannot be read at all (not CSV, no header, a mapped column missing, too many rows). */
public final class CampaignInputException extends RuntimeException {
    private final String error;

    public CampaignInputException(String error, String message) {
        super(message);
        this.error = error;
    }

    /** A stable word for the API: {@code invalid_csv}, {@code missing_column}, {@code too_many_rows}, ... */
    public String error() {
        return error;
    }
}
