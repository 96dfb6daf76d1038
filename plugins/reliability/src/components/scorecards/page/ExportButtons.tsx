import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import { reliabilityApiRef, ScorecardScope } from '../../../api/ReliabilityApi';
import { errorMessage } from '../../common/states';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/** Saves a blob under a file name through a temporary link. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Let the browser start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Downloads the scope's results as CSV or JSON. The export is fetched with
 * the user's token (a plain link would go without it) and then saved.
 */
export function ExportButtons(props: {
  scorecardId: string;
  scope?: ScorecardScope;
}) {
  const { scorecardId, scope } = props;
  const api = useApi(reliabilityApiRef);
  const classes = useStyles();
  const [busy, setBusy] = useState<'csv' | 'json' | undefined>();
  const [error, setError] = useState<Error | undefined>();

  const download = async (format: 'csv' | 'json') => {
    setBusy(format);
    setError(undefined);
    try {
      const file = await api.exportScorecard(scorecardId, format, scope);
      save(file.blob, file.filename);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className={classes.root}>
      {(['csv', 'json'] as const).map(format => (
        <Button
          key={format}
          variant="outlined"
          size="small"
          startIcon={<GetAppIcon />}
          disabled={!scope || busy !== undefined}
          onClick={() => download(format)}
        >
          {busy === format ? 'Exporting…' : `Download ${format.toUpperCase()}`}
        </Button>
      ))}
      {error && (
        <Typography variant="body2" color="error" role="alert">
          Could not export: {errorMessage(error)}
        </Typography>
      )}
    </div>
  );
}
