package ai.lepton.bench.nab;

/**
 * NAB's windowed Gaussian reference detector ({@code nab/detectors/gaussian/windowedGaussian_detector.py}), replicated
 * step for step: the score of a value is {@code 1 - Q(|value - mean| / std)} with {@code Q} the standard normal upper
 * tail, where mean and population standard deviation (0 replaced by 1e-6) are those of the window of earlier values;
 * the first value scores 0. The window grows to 6,400 values, recomputed after every value; once full, values
 * collect in a step buffer and the window slides forward 100 values at a time, recomputed after each slide. Sums use
 * numpy's pairwise summation so the statistics match numpy's to the last bit, as far as that matters.
 */
public final class WindowedGaussian {

    static final int WINDOW_SIZE = 6400;
    static final int STEP_SIZE = 100;

    private final double[] window = new double[WINDOW_SIZE];
    private final double[] scratch = new double[WINDOW_SIZE];
    private final double[] step = new double[STEP_SIZE];
    private int size;
    private int stepCount;
    private double mean = 0;
    private double std = 1;

    /** The score of {@code value}, then learns it. */
    public double score(double value) {
        double score = 0.0;
        if (size > 0) {
            score = 1.0 - normalProbability(value, mean, std);
        }
        if (size < WINDOW_SIZE) {
            window[size++] = value;
            update();
        } else {
            step[stepCount++] = value;
            if (stepCount == STEP_SIZE) {
                System.arraycopy(window, STEP_SIZE, window, 0, WINDOW_SIZE - STEP_SIZE);
                System.arraycopy(step, 0, window, WINDOW_SIZE - STEP_SIZE, STEP_SIZE);
                stepCount = 0;
                update();
            }
        }
        return score;
    }

    private void update() {
        mean = pairwiseSum(window, 0, size) / size;
        for (int i = 0; i < size; i++) {
            double d = window[i] - mean;
            scratch[i] = d * d;
        }
        std = Math.sqrt(pairwiseSum(scratch, 0, size) / size);
        if (std == 0.0) {
            std = 0.000001;
        }
    }

    /** NAB's {@code normalProbability}: the tail probability beyond {@code x}, on x's side of the mean. */
    static double normalProbability(double x, double mean, double std) {
        if (x < mean) {
            return normalProbability(2 * mean - x, mean, std);
        }
        double z = (x - mean) / std;
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** numpy's {@code pairwise_sum} for float64 (blocks of 128, eight accumulators). */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else if (n <= 128) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
        }
    }

    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    /**
     * Complementary error function for {@code x >= 0}, W. J. Cody's rational Chebyshev approximations ("Rational
     * Chebyshev approximations for the error function", Math. Comp. 23, 1969), relative error below 1e-15.
     */
    static double erfc(double x) {
        double y = Math.abs(x);
        double result;
        if (y <= 0.46875) {
            double ysq = y > 1.11e-16 ? y * y : 0.0;
            double num = A[4] * ysq;
            double den = ysq;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * ysq;
                den = (den + B[i]) * ysq;
            }
            double erf = x * (num + A[3]) / (den + B[3]);
            return 1.0 - erf;
        } else if (y <= 4.0) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            result = (num + C[7]) / (den + D[7]);
        } else if (y >= 26.543) {
            result = 0.0;
        } else {
            double ysq = 1.0 / (y * y);
            double num = P[5] * ysq;
            double den = ysq;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * ysq;
                den = (den + Q[i]) * ysq;
            }
            result = ysq * (num + P[4]) / (den + Q[4]);
            result = (1.0 / Math.sqrt(Math.PI) - result) / y;
        }
        if (result != 0.0) {
            double ysq = Math.floor(y * 16.0) / 16.0;
            double del = (y - ysq) * (y + ysq);
            result = Math.exp(-ysq * ysq) * Math.exp(-del) * result;
        }
        return x < 0 ? 2.0 - result : result;
    }
}
