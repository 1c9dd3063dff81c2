package org.newsdesk.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * PNG charts drawn with Java2D only (no chart library): a grid of panels, each either grouped bars (one group per
 * category, one bar per series) or lines on log-log axes.
 */
public final class Charts {
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};
    private static final int PANEL_W = 460;
    private static final int PANEL_H = 300;

    private Charts() {
    }

    /** Grouped bars: {@code values[series][category]}; a NaN value is drawn as "n/a". */
    public record BarPanel(String title, String unit, List<String> categories, List<String> series, double[][] values) {
    }

    /** Lines on log-log axes: {@code y[series][point]} over {@code x[point]}. */
    public record LinePanel(String title, String xUnit, String yUnit, double[] x, List<String> series, double[][] y) {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Draws the panels in a grid with {@code columns} columns, a title and a footnote, and writes a PNG. */
    public static void write(Path file, String title, String footnote, int columns, List<?> panels) throws IOException {
        int rows = (panels.size() + columns - 1) / columns;
        int width = columns * PANEL_W + 20;
        int height = rows * PANEL_H + 96;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 12, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.DARK_GRAY);
            FontMetrics fm = g.getFontMetrics();
            StringBuilder line = new StringBuilder();
            int ly = height - 40;
            for (String word : footnote.split(" ")) {
                if (line.length() > 0 && fm.stringWidth(line + " " + word) > width - 24) {
                    g.drawString(line.toString(), 12, ly);
                    ly += 14;
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            g.drawString(line.toString(), 12, ly);
            for (int i = 0; i < panels.size(); i++) {
                int x = 10 + (i % columns) * PANEL_W;
                int y = 40 + (i / columns) * PANEL_H;
                Object p = panels.get(i);
                if (p instanceof BarPanel b) {
                    drawBars(g, b, x, y);
                } else if (p instanceof LinePanel l) {
                    drawLines(g, l, x, y);
                } else {
                    throw new IllegalArgumentException("not a panel: " + p);
                }
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void drawBars(Graphics2D g, BarPanel p, int x0, int y0) {
        int left = x0 + 50;
        int top = y0 + 30;
        int plotW = PANEL_W - 70;
        int plotH = PANEL_H - 110;
        int bottom = top + plotH;
        header(g, p.title() + (p.unit().isEmpty() ? "" : " (" + p.unit() + ")"), x0, y0);
        double max = 0;
        for (double[] row : p.values()) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        double step = niceStep(max <= 0 ? 0.25 : max / 4);
        int ticks = (int) Math.ceil((max <= 0 ? 1 : max) / step - 1e-9);
        max = step * ticks;
        axes(g, left, top, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int t = 0; t <= ticks; t++) {
            double v = step * t;
            int yy = bottom - (int) Math.round(plotH * (double) t / ticks);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left + 1, yy, left + plotW, yy);
            g.setColor(Color.DARK_GRAY);
            String s = Measure.fmt(v);
            g.drawString(s, left - 6 - g.getFontMetrics().stringWidth(s), yy + 4);
        }
        int nCat = p.categories().size();
        int nSer = p.series().size();
        double groupW = (double) plotW / nCat;
        double barW = Math.min(40, groupW * 0.8 / nSer);
        for (int c = 0; c < nCat; c++) {
            double gx = left + groupW * c + (groupW - barW * nSer) / 2;
            for (int s = 0; s < nSer; s++) {
                double v = p.values()[s][c];
                int bx = (int) Math.round(gx + barW * s);
                if (Double.isNaN(v)) {
                    g.setColor(Color.GRAY);
                    drawCentered(g, "n/a", bx + (int) (barW / 2), bottom - 4);
                    continue;
                }
                int bh = (int) Math.round(plotH * Math.max(0, v) / max);
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(bx, bottom - bh, (int) Math.max(1, barW - 2), bh);
                g.setColor(Color.BLACK);
                drawCentered(g, Measure.fmt(v), bx + (int) (barW / 2), bottom - bh - 3);
            }
            g.setColor(Color.BLACK);
            drawCentered(g, p.categories().get(c), (int) (left + groupW * c + groupW / 2), bottom + 14);
        }
        legend(g, p.series(), x0 + 10, bottom + 28, x0 + PANEL_W - 10);
    }

    private static void drawLines(Graphics2D g, LinePanel p, int x0, int y0) {
        int left = x0 + 55;
        int top = y0 + 30;
        int plotW = PANEL_W - 80;
        int plotH = PANEL_H - 110;
        int bottom = top + plotH;
        header(g, p.title() + " (" + p.yUnit() + ", log-log)", x0, y0);
        double xMin = Double.MAX_VALUE;
        double xMax = 0;
        for (double v : p.x()) {
            xMin = Math.min(xMin, v);
            xMax = Math.max(xMax, v);
        }
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (double[] row : p.y()) {
            for (double v : row) {
                if (v > 0 && !Double.isNaN(v)) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        if (yMax == 0) {
            yMin = 0.1;
            yMax = 1;
        }
        double lx0 = Math.floor(Math.log10(xMin));
        double lx1 = Math.ceil(Math.log10(xMax));
        if (lx1 == lx0) {
            lx1 = lx0 + 1;
        }
        double ly0 = Math.floor(Math.log10(yMin));
        double ly1 = Math.ceil(Math.log10(yMax));
        if (ly1 == ly0) {
            ly1 = ly0 + 1;
        }
        axes(g, left, top, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (double d = ly0; d <= ly1; d++) {
            int yy = bottom - (int) Math.round(plotH * (d - ly0) / (ly1 - ly0));
            g.setColor(new Color(0xdddddd));
            g.drawLine(left + 1, yy, left + plotW, yy);
            g.setColor(Color.DARK_GRAY);
            String s = Measure.fmt(Math.pow(10, d));
            g.drawString(s, left - 6 - g.getFontMetrics().stringWidth(s), yy + 4);
        }
        for (double d = lx0; d <= lx1; d++) {
            int xx = left + (int) Math.round(plotW * (d - lx0) / (lx1 - lx0));
            g.setColor(new Color(0xdddddd));
            g.drawLine(xx, top, xx, bottom - 1);
            g.setColor(Color.DARK_GRAY);
            drawCentered(g, Measure.fmt(Math.pow(10, d)), xx, bottom + 14);
        }
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < p.series().size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            int px = -1;
            int py = -1;
            for (int i = 0; i < p.x().length; i++) {
                double v = p.y()[s][i];
                if (!(v > 0)) {
                    px = -1;
                    continue;
                }
                int xx = left + (int) Math.round(plotW * (Math.log10(p.x()[i]) - lx0) / (lx1 - lx0));
                int yy = bottom - (int) Math.round(plotH * (Math.log10(v) - ly0) / (ly1 - ly0));
                g.fillOval(xx - 4, yy - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, xx, yy);
                }
                g.drawString(Measure.fmt(v), xx + 5, yy - 5);
                px = xx;
                py = yy;
            }
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.DARK_GRAY);
        drawCentered(g, p.xUnit(), left + plotW / 2, bottom + 27);
        legend(g, p.series(), x0 + 10, bottom + 42, x0 + PANEL_W - 10);
    }

    private static void header(Graphics2D g, String title, int x0, int y0) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(title, x0 + 10, y0 + 16);
    }

    private static void axes(Graphics2D g, int left, int top, int w, int h) {
        g.setColor(Color.GRAY);
        g.drawLine(left, top, left, top + h);
        g.drawLine(left, top + h, left + w, top + h);
    }

    /** One entry per series, wrapping to a new line before {@code right}. */
    private static void legend(Graphics2D g, List<String> series, int x, int y, int right) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        FontMetrics fm = g.getFontMetrics();
        int cx = x;
        for (int s = 0; s < series.size(); s++) {
            int w = 13 + fm.stringWidth(series.get(s)) + 14;
            if (cx > x && cx + w > right) {
                cx = x;
                y += 14;
            }
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(cx, y - 8, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s), cx + 13, y + 1);
            cx += 13 + fm.stringWidth(series.get(s)) + 14;
        }
    }

    private static void drawCentered(Graphics2D g, String s, int cx, int baseline) {
        g.drawString(s, cx - g.getFontMetrics().stringWidth(s) / 2, baseline);
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k that is at least {@code v}. */
    static double niceStep(double v) {
        double exp = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * exp >= v) {
                return m * exp;
            }
        }
        return 10 * exp;
    }
}
