package ai.lepton.ml.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadGaugeTest {

    @Test
    void sampleReportsThePeakSinceTheLastSampleThenWhatIsInFlight() {
        LoadGauge g = new LoadGauge();
        assertThat(g.sample()).isZero();
        for (int i = 0; i < 5; i++) {
            g.begin();
        }
        g.end();
        g.end();
        assertThat(g.inFlight()).isEqualTo(3);
        assertThat(g.sample()).as("five were in flight at once since the last sample").isEqualTo(5);
        assertThat(g.sample()).as("three still are").isEqualTo(3);
        g.end();
        g.end();
        g.end();
        assertThat(g.sample()).as("the peak of the interval in which they ended").isEqualTo(3);
        assertThat(g.sample()).isZero();
    }

    @Test
    void aShortRequestBetweenTwoSamplesStillCounts() {
        LoadGauge g = new LoadGauge();
        g.begin();
        g.end();
        assertThat(g.inFlight()).isZero();
        assertThat(g.sample()).isEqualTo(1);
        assertThat(g.sample()).isZero();
    }
}
