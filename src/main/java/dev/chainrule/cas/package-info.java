/**
 * Symja (matheclipse-core 3.0.0) as an independent computer-algebra oracle, behind one door:
 * {@link dev.chainrule.cas.Cas}.
 *
 * <h2>API</h2>
 * <ul>
 *   <li>{@code Cas.isLoaded()}: whether Symja has been started in this JVM (nothing else in the package
 *       loads a Symja class before the first real call; a test checks it in a child JVM with
 *       {@code -Xlog:class+load}).</li>
 *   <li>{@code toSymja(Expr, SymbolTable)} / {@code fromSymja(IExpr, SymbolTable)}: conversion, built only
 *       with Symja's {@code F.*} factory; every variable is a generated dummy symbol {@code v0, v1, …}
 *       ({@link dev.chainrule.cas.SymbolTable}). {@code evaluate(Expr, Duration)}: round trip through
 *       Symja's evaluator.</li>
 *   <li>{@code derivative(Expr, wrt, Definitions[, Duration])}: Symja's D with the definitions substituted
 *       (except {@code wrt}), back in our tree — an oracle for tests.</li>
 *   <li>{@code isZero(Expr, Duration)} → {@code Optional<Boolean>} and {@code checkZero} (with how and how
 *       long); {@code equivalentNodeLocal}, {@code equivalentExpanded} (same three-valued result) and
 *       {@code equivalent} (true only when shown). true = shown zero; false = Symja's numeric value at a
 *       concrete point is clearly non-zero (a symbolic False alone is never reported); empty = undecided,
 *       timed out, failed. Failures of conversion throw {@link dev.chainrule.cas.CasException} (not a
 *       UserError: callers fall back).</li>
 * </ul>
 *
 * <h2>How a zero is decided</h2>
 * Evaluate (derivatives happen here), rewrite Abs′ → Sign and sech → √(1 − tanh²); numbers at 5 random
 * points (names get the values of their definitions); then, per Piecewise case (relu/step split on sign
 * atoms, judged almost everywhere), the first of: evaluation, ExpandAll, Together over atoms (each
 * non-rational sub-expression a fresh symbol — a sound proof), Together over exponential atoms (σ, tanh,
 * softmax written with e^(monomial)), PossibleZeroQ, Simplify. Sigmoid is {@code LogisticSigmoid} (D gives
 * σ(1−σ)u′; the 1/(1+e^−u) form made PossibleZeroQ answer a wrong False after 3.7 s); relu, step, leaky
 * relu, leaky step are {@code Piecewise} (D of {@code Max} stays unevaluated).
 *
 * <h2>Measured (JDK 17.0.15, 2 cores, machine shared with other builds: load average 6–16, so wide ranges)</h2>
 * <ul>
 *   <li>Cold (no archive): a whole run of one check costs 3.7 s CPU; Symja's start-up alone took 2.2 s wall
 *       in the first, quietest measurement and 3.9–9.8 s under that load; the first equivalence
 *       (D(BCE∘σ, w1) vs (ŷ − y)·x1) another 0.4–2 s (warm: 25–180 ms).</li>
 *   <li>With an AppCDS archive and C1 only ({@code -XX:SharedArchiveFile=… -XX:TieredStopAtLevel=1}):
 *       start-up 0.94–1.25 s, first equivalence 0.28–0.43 s; a whole run 1.1–1.2 s CPU, 1.2–2 s wall (median
 *       of 5 interleaved runs: plain 8.1 s / 3.8 s CPU, C1 only 4.4 / 2.5, CDS only 3.7 / 1.9, CDS + C1
 *       2.0 / 1.2, CDS + C1 + SerialGC 1.8 / 1.3). The archive is 30 MB. RSS ~95–115 MB, live heap
 *       after GC 10–13 MB.</li>
 *   <li>Warm (medians): D of (t − σ(wx+b))² 10–30 ms; checkZero (a) (−y/ŷ + (1−y)/(1−ŷ))·ŷ(1−ŷ) − (ŷ − y)
 *       with ŷ a symbol 35–110 ms (decided by Together); (b) the same with ŷ = σ(w1x1 + b) substituted
 *       45–130 ms; raw PossibleZeroQ on (a) 10–85 ms, on (b) 20–100 ms; a non-zero difference 1–7 ms
 *       (numeric witness); node-local D(L, w1) ≡ (ŷ − y)x1 25–180 ms.</li>
 * </ul>
 * Reproduce with {@code dev.chainrule.cas.CasTiming} (test tree).
 *
 * <h2>Pitfalls met</h2>
 * <ul>
 *   <li>Symja's stop request ({@code EvalEngine.stopRequest}) is polled by its evaluation loop but not inside
 *       JAS polynomial gcds or big expansions: a job can run on for minutes. Such a worker is abandoned
 *       (daemon thread; the JVM still exits) and replaced. {@code Thread.stop} is not an option: a
 *       ThreadDeath inside a class initializer (JAS {@code TermOrderByName}) poisoned that class for the rest
 *       of the run. After start-up the package caps AST size (20 000) and number size (10⁶ bits) and lets JAS
 *       poll interrupts, which turns most runaway jobs into fast failures.</li>
 *   <li>PossibleZeroQ on D(tanh(wx+b), w) − x(1 − tanh²) ran 65 s and said False (Sech vs Tanh); hence the
 *       sech rewrite. It also says False for relu/step identities (it cannot combine Piecewise); hence the
 *       case split. It is partly numeric (random complex points) and partly Together.</li>
 *   <li>{@code F.symbol(name)} resolves built-ins in relaxed mode ({@code Run} would be the built-in);
 *       dummies avoid that. Odd functions come back with the sign pulled out (tanh(−u) → −tanh(u)).</li>
 *   <li>{@code Config.JAS_NO_THREADS} must be set before Symja's {@code F} initialises, or the JVM does not
 *       exit.</li>
 * </ul>
 */
package dev.chainrule.cas;
