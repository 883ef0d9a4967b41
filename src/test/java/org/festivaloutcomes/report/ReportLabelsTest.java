package org.festivaloutcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricUnit;
import org.festivaloutcomes.metrics.Scope;
import org.junit.jupiter.api.Test;

class ReportLabelsTest {

    private static Properties load(String name) throws IOException {
        try (InputStream in = ReportLabelsTest.class.getResourceAsStream("/org/festivaloutcomes/report/" + name)) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        Properties en = load("labels.properties");
        Properties zh = load("labels_zh_CN.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            assertFalse(en.getProperty(key).isBlank(), key);
            assertFalse(zh.getProperty(key).isBlank(), key);
        }
    }

    @Test
    void everyChineseLabelIsChinese() throws IOException {
        Properties en = load("labels.properties");
        Properties zh = load("labels_zh_CN.properties");
        // the only labels the same in both languages: symbols and codes
        java.util.Set<String> same = java.util.Set.of("unit.ratio");
        for (String key : en.stringPropertyNames()) {
            boolean words = en.getProperty(key).replaceAll("\\{\\d}", "").codePoints().anyMatch(Character::isLetter);
            if (!words) {
                continue;
            }
            if (same.contains(key)) {
                assertEquals(en.getProperty(key), zh.getProperty(key), key);
                continue;
            }
            assertTrue(zh.getProperty(key).codePoints()
                    .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN), key);
        }
    }

    @Test
    void everyMetricHasANameAndADefinitionInBothLanguages() {
        for (Language language : Language.values()) {
            Labels labels = Labels.of(language);
            for (Metric m : Metric.values()) {
                assertFalse(labels.metricName(m).isBlank(), m.id());
                assertTrue(labels.metricDefinition(m).length() > 10, m.id());
                m.dimensions().forEach(d -> assertNotEquals(d, labels.dimension(d), d));
            }
            for (MetricUnit u : MetricUnit.values()) {
                labels.unit(u);
            }
            for (Scope s : Scope.values()) {
                labels.scope(s);
            }
        }
    }

    @Test
    void chineseBundleIsChineseAndEnglishIsEnglishWhateverTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.SIMPLIFIED_CHINESE);
            assertEquals("Visitors", Labels.of(Language.EN).metricName(Metric.ATTENDANCE_VISITORS));
            assertEquals("观众人数", Labels.of(Language.ZH_CN).metricName(Metric.ATTENDANCE_VISITORS));
            assertEquals("概览", Labels.of(Language.ZH_CN).sheet("summary"));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }
}
