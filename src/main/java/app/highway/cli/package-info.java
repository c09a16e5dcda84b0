/**
 * The command line's subcommands beside the console and the headless bridge ({@code highway users …}):
 * they work on the same data as a bridge, even one running at the time, and answer on the terminal.
 */
package app.highway.cli;
