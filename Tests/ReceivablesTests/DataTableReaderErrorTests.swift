import Testing
import SolventModels
@testable import Receivables

@Suite struct DataTableReaderErrorTests {
    @Test func messagesStartWithTheFile() {
        let csv = CSVError(file: "a.csv", location: CSVLocation(line: 3, column: 7, byteOffset: 40),
                           kind: .invalidValue(column: "x", ValueParseError(value: "abc", reason: "not a number")))
        #expect(DataTableReaderError.csv(csv).description == "a.csv:3:7: x: \"abc\": not a number")
        #expect(DataTableReaderError.unknownColumns(file: "a.csv", option: "numeric", names: ["p", "q"],
                                                    available: ["x", "y"]).description
                == "a.csv: no columns 'p', 'q' (given as numeric); the columns are: x, y")
        #expect(DataTableReaderError.changedWhileReading(file: "a.csv").description
                == "a.csv: the file changed while it was being read; read it again")
        #expect(DataTableReaderError.table(file: "a.csv", .empty("no rows")).description
                == "a.csv: not enough data: no rows")
    }
}
