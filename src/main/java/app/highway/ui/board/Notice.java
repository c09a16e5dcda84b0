package app.highway.ui.board;

/** Something the operator should be told about now (a notification). */
public record Notice(String callId, String title, String text, boolean error) { }
