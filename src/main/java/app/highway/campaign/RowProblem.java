package app.highway.campaign;

/**
 * A row that will not be dialled, and why: {@code error} is a stable word ({@code invalid_phone_number},
 * {@code country_not_allowed}, {@code number_type_not_allowed}, {@code invalid_code}, {@code duplicate_number},
 * {@code missing_column}), {@code message} says it for people; {@code to} is the number as written in the list.
 */
public record RowProblem(int line, String to, String error, String message) { }
