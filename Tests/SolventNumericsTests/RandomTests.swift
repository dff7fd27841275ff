import Testing
@testable import SolventNumerics

@Suite struct RandomTests {
    @Test func splitMix64MatchesReference() {
        // Reference: Vigna's splitmix64.c seeded with 1234567; first outputs.
        var g = SplitMix64(seed: 1234567)
        #expect(g.next() == 6457827717110365317)
        #expect(g.next() == 3203168211198807973)
    }

    @Test func sameSeedSameStream() {
        var a = Xoshiro256StarStar(seed: 42)
        var b = Xoshiro256StarStar(seed: 42)
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
        var c = Xoshiro256StarStar(seed: 43)
        #expect(a.next() != c.next())
    }

    @Test func xoshiroMatchesReferenceForUnitState() {
        // Reference C implementation with s = {1, 2, 3, 4}: first outputs.
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect(g.next() == 11520)
        #expect(g.next() == 0)
        #expect(g.next() == 1509978240)
        #expect(g.next() == 1215971899390074240)
    }

    @Test func jumpedStreamDiffers() {
        var a = Xoshiro256StarStar(seed: 7)
        var b = a.jumped()
        #expect(a.next() != b.next())
        #expect(Xoshiro256StarStar(seed: 7).jumped() == Xoshiro256StarStar(seed: 7).jumped())
    }

    @Test func samplerMomentsAreRight() {
        var g = Xoshiro256StarStar(seed: 2026)
        let n = 200_000
        func moments(_ draw: (inout Xoshiro256StarStar) -> Double) -> (Double, Double) {
            var s = 0.0, s2 = 0.0
            for _ in 0..<n { let x = draw(&g); s += x; s2 += x * x }
            let m = s / Double(n)
            return (m, s2 / Double(n) - m * m)
        }
        let u = moments { $0.uniform() }
        #expect(abs(u.0 - 0.5) < 0.005 && abs(u.1 - 1.0 / 12) < 0.002)
        let z = moments { $0.normal(mean: 1, sd: 2) }
        #expect(abs(z.0 - 1) < 0.02 && abs(z.1 - 4) < 0.05)
        let ga = moments { $0.gamma(shape: 2.5, scale: 2) }
        #expect(abs(ga.0 - 5) < 0.05 && abs(ga.1 - 10) < 0.3)
        let gs = moments { $0.gamma(shape: 0.4, scale: 1) }
        #expect(abs(gs.0 - 0.4) < 0.01 && abs(gs.1 - 0.4) < 0.02)
        let ps = moments { Double($0.poisson(3.5)) }
        #expect(abs(ps.0 - 3.5) < 0.03 && abs(ps.1 - 3.5) < 0.08)
        let pl = moments { Double($0.poisson(120)) }
        #expect(abs(pl.0 - 120) < 0.2 && abs(pl.1 - 120) < 3)
        let b = moments { $0.bernoulli(0.3) ? 1 : 0 }
        #expect(abs(b.0 - 0.3) < 0.005)
        let ln = moments { $0.logNormal(mu: 0, sigma: 0.5) }
        #expect(abs(ln.0 - 1.1331484530668263) < 0.01)
    }

    @Test func categoricalAndAliasFollowWeights() {
        var g = Xoshiro256StarStar(seed: 9)
        let w = [1.0, 0, 3, 6]
        let table = AliasTable(weights: w)
        var c1 = [0, 0, 0, 0], c2 = [0, 0, 0, 0]
        for _ in 0..<100_000 {
            c1[g.categorical(w)] += 1
            c2[table.sample(&g)] += 1
        }
        #expect(c1[1] == 0 && c2[1] == 0)
        for (counts, _) in [(c1, 0), (c2, 1)] {
            #expect(abs(Double(counts[0]) / 100_000 - 0.1) < 0.005)
            #expect(abs(Double(counts[3]) / 100_000 - 0.6) < 0.005)
        }
    }
}
