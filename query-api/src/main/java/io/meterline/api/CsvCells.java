package io.meterline.api;

/**
 * Spreadsheet formula injection: a text cell that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, tab or CR would be run as a formula by Excel or LibreOffice, so the export prefixes
 * it with {@code '} (which spreadsheets show as "this is text") and the import takes that
 * {@code '} off again, so that export → import → export gives the same bytes. Only text cells
 * pass through here: numbers are written as numbers and keep their minus sign.
 */
final class CsvCells {

    private CsvCells() {
    }

    static String neutralise(String text) {
        return !text.isEmpty() && isTrigger(text.charAt(0)) ? "'" + text : text;
    }

    static String restore(String cell) {
        return cell.length() >= 2 && cell.charAt(0) == '\'' && isTrigger(cell.charAt(1)) ? cell.substring(1) : cell;
    }

    private static boolean isTrigger(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
