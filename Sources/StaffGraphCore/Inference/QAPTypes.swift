/// The model of a dyadic regression.
public enum QAPModel: String, Sendable, CaseIterable {
    /// Ordinary least squares over the dyads (sna's `netlm`); the test statistic is the t-value.
    case linear
    /// Logistic regression by iteratively reweighted least squares, as R's
    /// `glm.fit(family = binomial())` (sna's `netlogit`); the statistic is the z-value b/se.
    case logistic
}

/// The null hypothesis of the permutation test (sna's `nullhyp`).
public enum QAPNull: String, Sendable, CaseIterable {
    /// Dekker, Krackhardt & Snijders (2007), "Sensitivity of MRQAP tests to
    /// collinearity and autocorrelation conditions", Psychometrika 72(4),
    /// DOI 10.1007/s11336-007-9016-1: for each term, residualise it on the other
    /// terms (OLS over all ordered pairs), permute rows and columns of the residual
    /// matrix together, refit with it in place of the term, and compare its statistic.
    case qapspp
    /// Krackhardt (1988), "Predicting with networks: nonparametric multiple regression
    /// analysis of dyadic data", Social Networks 10(4), DOI 10.1016/0378-8733(88)90004-4:
    /// permute rows and columns of the response together, refit, compare every term.
    case qapy
    /// No permutations: Student's t with the residual degrees of freedom (as sna,
    /// for the logistic model too), which assumes independent dyads.
    case classical
}

/// One term of a dyadic regression: a named dyadic predictor.
public struct QAPPredictor: Sendable {
    /// The term's name in the output (`friendship`, `reverse:advice`, `same:dept` …).
    public var name: String
    /// Its value for every ordered pair.
    public var matrix: DyadicMatrix
    /// A named predictor.
    public init(name: String, matrix: DyadicMatrix) {
        self.name = name
        self.matrix = matrix
    }
}

/// A dyadic regression: a response relation and predictors over the same people.
///
/// Dyads are all ordered pairs i ≠ j; those whose response is missing (`NaN`:
/// the sender did not respond) are left out of every fit. Predictors must be
/// complete (as sna's semi-partialling requires).
public struct QAPDesign: Sendable {
    /// The response relation (binary for the logistic model).
    public var response: DyadicMatrix
    /// The predictors, in output order.
    public var predictors: [QAPPredictor]
    /// Whether a constant term (`intercept`) comes first.
    public var intercept: Bool

    /// A design; `intercept` true adds the constant term first, as sna does by default.
    public init(response: DyadicMatrix, predictors: [QAPPredictor], intercept: Bool = true) {
        self.response = response
        self.predictors = predictors
        self.intercept = intercept
    }

    /// The term names in output order (`intercept` first when there is one).
    public var termNames: [String] { (intercept ? ["intercept"] : []) + predictors.map(\.name) }
}

/// Why a dyadic regression cannot be fitted, in the library's terms.
public enum QAPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer than three people.
    case tooFewPeople(Int)
    /// A predictor over a different number of people than the response.
    case sizeMismatch(term: String)
    /// A predictor with missing values (a person without a value of its attribute).
    case missingPredictorValues(term: String, pairs: Int)
    /// The logistic model needs a 0/1 response.
    case responseNotBinary(value: Double)
    /// Not more observed dyads than terms.
    case tooFewDyads(dyads: Int, terms: Int)
    /// The term is constant or a linear combination of the terms before it.
    case singular(term: String)
    /// The response takes one value on every observed dyad.
    case constantResponse
    /// A permutation in an explicit list is not a permutation of 0 ..< n.
    case invalidPermutation(index: Int)

    /// The reason in words, for a message.
    public var description: String {
        switch self {
        case .tooFewPeople(let n): return "a dyadic regression needs at least 3 people, and there are \(n)"
        case .sizeMismatch(let term): return "term '\(term)' is not over the same people as the response"
        case .missingPredictorValues(let term, let pairs): return "term '\(term)' is missing for \(pairs) pairs of people"
        case .responseNotBinary(let value): return "the logistic model needs a response of 0 and 1, and a tie has the value \(value)"
        case .tooFewDyads(let dyads, let terms): return "\(dyads) observed pairs are too few for \(terms) terms"
        case .singular(let term): return "term '\(term)' is constant or a linear combination of the terms before it, so its effect cannot be separated"
        case .constantResponse: return "the response is the same for every observed pair (all ties or none), so there is nothing to explain"
        case .invalidPermutation(let index): return "permutation \(index) is not a permutation of the people"
        }
    }
}

/// One term's estimate and permutation p-values.
public struct QAPTerm: Sendable, Equatable {
    /// `intercept`, or the predictor's name.
    public var name: String
    /// The coefficient b.
    public var estimate: Double
    /// Its standard error (linear: sqrt(s² (XᵀX)⁻¹_kk); logistic: sqrt((XᵀWX)⁻¹_kk) with the weights of the last IRLS step, as R's glm).
    public var standardError: Double
    /// The test statistic b / se (t-value for linear, z-value for logistic).
    public var statistic: Double
    /// Share of permutations whose |statistic| ≥ the observed |statistic| (sna's `pgreqabs`).
    public var pTwoSided: Double
    /// Share with statistic ≥ observed (sna's `pgreq`).
    public var pGreater: Double
    /// Share with statistic ≤ observed (sna's `pleeq`).
    public var pLess: Double
}

/// The result of ``QAPRegression``.
public struct QAPResult: Sendable, Equatable {
    /// The model fitted.
    public var model: QAPModel
    /// The null hypothesis tested (`qapspp` becomes `qapy` for a single term, as in sna).
    public var null: QAPNull
    /// Per term, in ``QAPDesign/termNames`` order.
    public var terms: [QAPTerm]
    /// Number of ordered pairs used (observed response).
    public var dyads: Int
    /// Ordered pairs left out because the response is missing.
    public var missingDyads: Int
    /// Residual degrees of freedom, dyads − terms.
    public var residualDF: Int
    /// Permutations drawn (0 for `classical`).
    public var permutations: Int
    /// The seed of the permutations (`nil` for an explicit list or `classical`).
    public var seed: UInt64?
    /// Linear: R² = MSS/(MSS + RSS), MSS about the mean of the fitted values with an intercept (as sna's summary).
    public var rSquared: Double?
    /// Linear: 1 − (1 − R²)(n − i)/(n − p), i = 1 with an intercept.
    public var adjustedRSquared: Double?
    /// Linear: sqrt(RSS/(n − p)).
    public var residualStandardError: Double?
    /// Logistic: −2 log-likelihood.
    public var deviance: Double?
    /// Logistic: the deviance of the intercept-only model (of p = 0.5 without an intercept).
    public var nullDeviance: Double?
    /// Logistic: deviance + 2 × terms.
    public var aic: Double?
    /// Logistic: IRLS iterations of the observed fit, and whether it met the criterion.
    public var iterations: Int?
    /// Logistic: whether the observed fit converged within 25 iterations.
    public var converged: Bool?
}
