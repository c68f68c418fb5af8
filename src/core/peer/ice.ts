/** ICE helpers for non-trickle signaling. */

/**
 * Resolves when ICE gathering completes, or after `timeoutMs` if some candidate was found
 * by then (a slow or unreachable STUN server must not stall a connection), or after
 * `3 * timeoutMs` at the latest.
 */
export function iceGathered(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    let haveCandidate = false;
    const finish = () => {
      clearTimeout(soft);
      clearTimeout(hard);
      pc.removeEventListener('icegatheringstatechange', onState);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onState = () => pc.iceGatheringState === 'complete' && finish();
    const onCandidate = (e: RTCPeerConnectionIceEvent) => {
      if (!e.candidate) finish();
      else if (softExpired) finish();
      else haveCandidate = true;
    };
    let softExpired = false;
    const soft = setTimeout(() => {
      softExpired = true;
      if (haveCandidate) finish();
    }, timeoutMs);
    const hard = setTimeout(finish, timeoutMs * 3);
    pc.addEventListener('icegatheringstatechange', onState);
    pc.addEventListener('icecandidate', onCandidate);
  });
}
