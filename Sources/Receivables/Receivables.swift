// The receivables domain: source records and the synthetic portfolio generator.
