package org.replprov.providers.dfsr;

import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.ScopeState;

/**
 * DfsrReplicatedFolderInfo's State, LastErrorCode and LastErrorMessageId, derived from the facts an engine reported
 * about one replicated folder, in one place (docs/dfsr-provider.md, "DfsrReplicatedFolderInfo", the provider's table):
 *
 * <table>
 *   <caption>Facts to properties</caption>
 *   <tr><th>Facts</th><th>State</th><th>LastErrorCode</th><th>LastErrorMessageId</th></tr>
 *   <tr><td>the engine failed since it last reported the folder's state</td><td>5 In Error</td>
 *       <td>HRESULT_FROM_WIN32(ERROR_SERVICE_NOT_ACTIVE) 0x80070426</td><td>NULL</td></tr>
 *   <tr><td>a state without an error</td><td>the reported state</td><td>0</td><td>0</td></tr>
 *   <tr><td>a state with an error</td><td>the reported state</td><td>the error's code as an HRESULT (Win32 and
 *       WERROR through HRESULT_FROM_WIN32; only words: E_FAIL 0x80004005)</td><td>NULL</td></tr>
 *   <tr><td>no state, only links that carry the folder</td><td>NULL</td><td>NULL</td><td>NULL</td></tr>
 * </table>
 *
 * The message ID stays NULL for errors: DFSR's event numbers for a folder's errors are not public, and an engine's
 * connection event (5002…) would misname them.
 *
 * @param state State, null for NULL
 * @param lastErrorCode null for NULL
 * @param lastErrorMessageId null for NULL
 */
record FolderState(Integer state, Long lastErrorCode, Long lastErrorMessageId) {

    static final long E_FAIL = 0x8000_4005L;
    static final long ENGINE_DOWN = 0x8007_0000L | 1062;
    static final int IN_ERROR = 5;

    static final FolderState UNKNOWN = new FolderState(null, null, null);

    /** The properties of a folder whose engine reported {@code fact} (null: none) and failed since, or not. */
    static FolderState of(ScopeState fact, boolean engineFailed) {
        if (engineFailed) {
            return new FolderState(IN_ERROR, ENGINE_DOWN, null);
        }
        if (fact == null) {
            return UNKNOWN;
        }
        int state = fact.state().ordinal(); // the enum lists MS-DFSRH's values in order, 0 to 5
        EngineError e = fact.lastError();
        if (e == null) {
            return new FolderState(state, 0L, 0L);
        }
        long code = switch (e.space()) {
            case HRESULT -> e.code();
            case WIN32, WERROR -> e.code() == 0 ? E_FAIL : 0x8007_0000L | (e.code() & 0xFFFF);
            case TEXT -> E_FAIL;
        };
        return new FolderState(state, code, null);
    }
}
