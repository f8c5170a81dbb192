package io.meterline.bench.load;

/**
 * Python's {@code random.Random(seed)} for a non-negative int seed: the same Mersenne Twister
 * (MT19937), seeded the same way ({@code init_by_array} over the seed's 32-bit words), and the
 * same derived draws, so that {@link PeerWorkload} yields the very numbers the shared harness's
 * {@code workload.py} yields. Only the draws that file uses are here.
 */
final class PythonRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;

    PythonRandom(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("Python seeds with abs(seed); only non-negative seeds are mirrored");
        }
        int words = seed >>> 32 == 0 ? 1 : 2;
        int[] key = new int[words];
        key[0] = (int) seed;
        if (words == 2) {
            key[1] = (int) (seed >>> 32);
        }
        initByArray(key);
    }

    /** MT19937's own seeding from a key array, as in the reference mt19937ar.c (and CPython). */
    PythonRandom(int[] key) {
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** The next 32 random bits, as an unsigned value. */
    long nextUint32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
        }
        index = 0;
    }

    /** {@code random()}: 53 random bits as a double in [0, 1). */
    double random() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /** {@code getrandbits(k)} for 1 ≤ k ≤ 32. */
    long getrandbits(int k) {
        return nextUint32() >>> (32 - k);
    }

    /** {@code randrange(n)}: uniform in [0, n), by rejection over n's bit length, as CPython does. */
    int randbelow(int n) {
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /** {@code randint(a, b)}: uniform in [a, b]. */
    int randint(int a, int b) {
        return a + randbelow(b - a + 1);
    }
}
