package app.highway.call;

/** The number is in a country this bridge may not call ({@code HIGHWAY_ALLOWED_COUNTRIES}). */
public class NumberNotAllowed extends Exception {
    public NumberNotAllowed(String message) {
        super(message);
    }
}
