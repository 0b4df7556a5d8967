/**
 * Whether `work` settled (fulfilled or rejected) within `ms`: for a wait that is bounded and then gone past either way
 * (a logout does not hang on a far end or a server that no longer answers). The timer is cleared once `work` settles.
 */
export async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(settled, settled), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

const settled = (): true => true;
