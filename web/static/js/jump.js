// The "Experiment" control of narrow screens (lesson.html, app.css .experiment-jump): where the experiment is below
// the text, one press jumps to it, and the same control then reads "Back to the text" and returns to the place the
// reader left. Wide screens hide the control (the experiment sticks beside the text). Layout only: no experiment
// state is read or changed here.

const jump = document.getElementById('experiment-jump');
const panel = document.getElementById('experiment-panel');
if (jump && panel) {
  const toExperiment = jump.querySelector('.jump-to-experiment');
  const toText = jump.querySelector('.jump-to-text');
  const text = document.getElementById('lesson-text');
  let readingAt = null;                      // window.scrollY the last time the reader was in the text
  let atPanel = false;

  /** Whether the reader is at the experiment: its top is above the middle of the window. */
  const panelInView = () => panel.getBoundingClientRect().top < window.innerHeight / 2;

  const update = () => {
    atPanel = panelInView();
    if (!atPanel) readingAt = window.scrollY;
    toExperiment.hidden = atPanel;
    toText.hidden = !atPanel;
    jump.setAttribute('href', atPanel ? '#lesson-text' : '#experiment-panel');
  };

  let pending = false;
  window.addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      update();
    });
  }, {passive: true});
  window.addEventListener('resize', update);

  jump.addEventListener('click', (event) => {
    event.preventDefault();
    if (atPanel) {
      if (readingAt === null) text.scrollIntoView({block: 'start'});
      else window.scrollTo(0, readingAt);
    } else {
      readingAt = window.scrollY;
      panel.scrollIntoView({block: 'start'});         // focus stays here: Tab goes on into the experiment
    }
    update();
  });

  update();
  jump.hidden = false;
}
